from .answers import AnsweredField, AnswerSet
from .catalogue import CatalogueField
from .compiled import CompiledRevision
from .questionnaire import Questionnaire

__all__ = ["AnswerSet", "AnsweredField", "CatalogueField", "CompiledRevision", "Questionnaire"]
