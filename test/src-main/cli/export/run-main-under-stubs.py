# Runs a program written by `riffle export` under CPython with the PyFlink stubs (pyflink-stubs/) first on
# sys.path, as `flink run --python` would run it as __main__, and prints the stubs' call log as one JSON line.
# Exit 0 when the program built its pipeline; an import or call that does not match the stubs raises.
import json
import os
import runpy
import sys

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, "pyflink-stubs"))

from pyflink import _riffle_stub  # noqa: E402

runpy.run_path(sys.argv[1], run_name="__main__")
print(json.dumps(_riffle_stub.CALLS))
