from .answers import AnsweredField, AnswerSet
from .catalogue import CatalogueField
from .questionnaire import Questionnaire

__all__ = ["AnswerSet", "AnsweredField", "CatalogueField", "Questionnaire"]
