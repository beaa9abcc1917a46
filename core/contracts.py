"""The payloads of our named hooks (``core.hooks``): small dataclasses, so no plugin imports another."""

from dataclasses import dataclass


@dataclass(frozen=True)
class FieldDependency:
    """A consumer (an app label) reads ``key`` of questionnaire ``questionnaire`` and needs it of ``field_type``.

    ``required``: the consumer needs an answer in every completed answer set, so the
    question must stay required and unconditional; otherwise it must only stay asked.
    """

    consumer: str
    questionnaire: str
    key: str
    field_type: str
    required: bool = True
