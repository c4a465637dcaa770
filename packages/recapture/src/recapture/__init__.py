"""Multiple systems estimation (capture-recapture with log-linear models).

Pure functions returning frozen result objects; numpy and scipy only.
"""

from ._api import METHODS, estimate
from ._bootstrap import BootstrapResult, SelectionSpec, bootstrap
from ._compare import METHOD_LABELS, MethodComparison, MethodEstimate, compare_methods
from ._dga import BayesResult, GraphWeight, decomposable_graphs, model_average
from ._existence import Existence, check_existence
from ._falselinks import FalseMerges
from ._lcmcr import latent_class
from ._linkcorrected import LinkageCorrectedResult, estimate_linkage_corrected
from ._linkerror import (
    LinkageValidation,
    LinkErrorModel,
    correct_counts,
    fit_link_errors,
    linkage_map,
    simulate_linkage,
)
from ._model import ModelFit, ModelSpace, fit_model
from ._profile import ProfileResult, profile_likelihood
from ._results import CandidateModel, Interval, MSEResult
from ._stratified import StratifiedResult, estimate_stratified, stratify_records
from ._table import CaptureTable, from_records, read_csv, read_records_csv
from ._terms import enumerate_hierarchical
from ._twolist import chapman, lincoln_petersen

__version__ = "0.1.0"

__all__ = [
    "METHODS",
    "METHOD_LABELS",
    "MethodComparison",
    "MethodEstimate",
    "BayesResult",
    "BootstrapResult",
    "GraphWeight",
    "CandidateModel",
    "CaptureTable",
    "Existence",
    "FalseMerges",
    "Interval",
    "LinkErrorModel",
    "LinkageCorrectedResult",
    "LinkageValidation",
    "MSEResult",
    "ModelFit",
    "ModelSpace",
    "ProfileResult",
    "SelectionSpec",
    "StratifiedResult",
    "bootstrap",
    "chapman",
    "compare_methods",
    "correct_counts",
    "check_existence",
    "decomposable_graphs",
    "enumerate_hierarchical",
    "estimate",
    "estimate_linkage_corrected",
    "estimate_stratified",
    "fit_link_errors",
    "fit_model",
    "from_records",
    "latent_class",
    "linkage_map",
    "lincoln_petersen",
    "model_average",
    "profile_likelihood",
    "read_csv",
    "read_records_csv",
    "simulate_linkage",
    "stratify_records",
]
