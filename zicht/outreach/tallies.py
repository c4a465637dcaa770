"""What a training contributes to the statistics tallies (``zicht.common.tallies``), on its date
at its organiser: one training and its participants by kind, and per audience sector whether it
was on criminal exploitation and on both criminal and sexual exploitation."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

from zicht.common.tallies import Tallies, TallyKey, keeps_tallies
from zicht.outreach.models import Training, TrainingAudience

TOPICS = ("training.kind", "training.audience")


def training_tallies(ids: Iterable[int]) -> Tallies:
    ids = list(ids)
    tallies: Tallies = Counter()
    if not ids:
        return tallies
    sectors: dict[int, set[str]] = defaultdict(set)
    for training_id, sector in TrainingAudience.objects.filter(training_id__in=ids).values_list(
        "training_id", "sector"
    ):
        sectors[training_id].add(sector)
    rows = Training.objects.filter(pk__in=ids).values_list(
        "pk", "organiser_id", "date", "kind", "participants", "topic_criminal", "topic_sexual"
    )
    for pk, org, day, kind, participants, criminal, sexual in rows:
        org = org or 0
        tallies[TallyKey("training.kind", day, org, kind, "trainings")] += 1
        tallies[TallyKey("training.kind", day, org, kind, "participants")] += participants
        for sector in sectors[pk]:
            tallies[TallyKey("training.audience", day, org, sector, "trainings")] += 1
            if criminal:
                tallies[TallyKey("training.audience", day, org, sector, "criminal")] += 1
                if sexual:
                    tallies[TallyKey("training.audience", day, org, sector, "combined")] += 1
    return tallies


def training_ids_all() -> Iterable[int]:
    return Training.objects.order_by("pk").values_list("pk", flat=True).iterator(chunk_size=10_000)


def keeps_training_tallies(*, touched=lambda kwargs: (), created=lambda result: ()):
    return keeps_tallies(training_tallies, touched=touched, created=created)
