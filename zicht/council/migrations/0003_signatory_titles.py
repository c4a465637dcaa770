"""Titles of the signatories of the answer letter (names and titles are required before approval)."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('council', '0002_append_only_triggers'),
    ]

    operations = [
        migrations.AddField(
            model_name='councilquestion',
            name='mayor_title',
            field=models.CharField(blank=True, default='de burgemeester', max_length=100, verbose_name='title of the mayor'),
        ),
        migrations.AddField(
            model_name='councilquestion',
            name='secretary_title',
            field=models.CharField(blank=True, default='de secretaris', max_length=100, verbose_name='title of the secretary'),
        ),
    ]
