# Stub of the PyFlink 2.x package for riffle export's tests (test/src-main/cli/export/): it holds the module paths,
# names and signatures of apache/flink's flink-python/pyflink (2.x line: pyflink/common/time.py without Time, as at
# commit 1a1c567cab145e410030f352de6581ece55f1089), with bodies that only check argument types the way PyFlink
# does and record each pipeline-building call in _riffle_stub.CALLS. No stream runs. Each module names the
# source file (and the stored commit read) its names come from.
