from zicht.common.roles import Role
from zicht.common.testing import UrlCase

COUNCIL = frozenset({Role.COORDINATOR, Role.ANALYST})


def _letter(personas, role) -> dict:
    """A letter registered by the analyst persona (the personas share one municipality)."""
    from zicht.council.tests.factories import register_letter

    return {"pk": register_letter(user=personas[Role.ANALYST]).pk}


def _item(personas, role) -> dict:
    return {**_letter(personas, role), "number": 1}


URLS = [
    UrlCase("council:question_list", COUNCIL),
    UrlCase("council:question_register", COUNCIL),
    UrlCase("council:question_detail", COUNCIL, kwargs_factory=_letter, object_scope="municipality"),
    UrlCase("council:question_edit", COUNCIL, kwargs_factory=_letter, object_scope="municipality"),
    UrlCase("council:question_extend", COUNCIL, kwargs_factory=_letter, object_scope="municipality"),
    UrlCase(
        "council:question_transition",
        COUNCIL,
        kwargs_factory=lambda personas, role: {**_letter(personas, role), "target": "being_answered"},
        object_scope="municipality",
    ),
    UrlCase(
        "council:question_approve", frozenset({Role.COORDINATOR}), kwargs_factory=_letter, object_scope="municipality"
    ),
    UrlCase("council:item_add", COUNCIL, kwargs_factory=_letter, object_scope="municipality"),
    UrlCase("council:item_edit", COUNCIL, kwargs_factory=_item, object_scope="municipality"),
    UrlCase("council:item_remove", COUNCIL, kwargs_factory=_item, object_scope="municipality"),
    UrlCase("council:figure_insert", COUNCIL, kwargs_factory=_item, object_scope="municipality"),
    UrlCase("council:letter", COUNCIL, kwargs_factory=_letter, object_scope="municipality"),
    UrlCase("council:letter_docx", COUNCIL, kwargs_factory=_letter, object_scope="municipality"),
]
