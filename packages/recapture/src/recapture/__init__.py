"""Multiple systems estimation (capture-recapture with log-linear models)."""

from ._model import ModelFit, ModelSpace, fit_model
from ._table import CaptureTable, from_records, read_csv

__version__ = "0.1.0"

__all__ = ["CaptureTable", "ModelFit", "ModelSpace", "fit_model", "from_records", "read_csv"]
