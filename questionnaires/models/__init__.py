from .answers import AnswerSet
from .catalogue import CatalogueField
from .compiled import CompiledRevision
from .questionnaire import Questionnaire

__all__ = ["AnswerSet", "CatalogueField", "CompiledRevision", "Questionnaire"]
