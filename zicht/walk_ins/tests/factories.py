import datetime

from zicht.walk_ins.models import WalkInSession


def session_make(*, organization, date: datetime.date | None = None) -> WalkInSession:
    return WalkInSession.objects.create(
        organization=organization,
        date=date or datetime.date(2024, 3, 5),
        starts_at=datetime.time(15),
        ends_at=datetime.time(17),
        location="Spui 70",
    )
