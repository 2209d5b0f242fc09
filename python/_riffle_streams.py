# A Python job's standard streams: its print() and sys.stdout / sys.stderr writes go to the engine with the job
# line that wrote each (the app's Console tab, which makes lines of them per step; standard error on the command
# line), and Pyodide's tracebacks stay off the job's output. Installed by _riffle.install().
import codecs
import io
import sys

import _riffle


def install():
    sys.stdout = _JobStream("out")
    sys.stderr = _JobStream("err")
    # Pyodide prints the traceback of an exception leaving Python for JavaScript through sys.excepthook, also when it
    # leaves a function the engine called from inside the job's own call (a reduce function raising in
    # ReducingState.add): not the job's output, whatever job frame is below; the engine names the error itself.
    sys.excepthook = _terminal_excepthook


def _terminal_excepthook(exc_type, exc, tb):
    import traceback
    traceback.print_exception(exc_type, exc, tb, file=sys.__stderr__)


class _OpenForWriting:
    """What both of a job's streams answer: writable, no terminal, and never closed (one stream serves every step of
    the run: closing it would silence the job's later steps)."""

    def close(self):
        pass

    def writable(self):
        return True

    def isatty(self):
        return False


class _JobStream(_OpenForWriting, io.TextIOBase):
    """A text stream whose writes go to the bridge's output(stream, text, line), unbuffered: a step's text is the step's.
    An io.TextIOBase, so what libraries ask of sys.stdout (closed, isatty, fileno raising UnsupportedOperation)
    answers as for a stream without a file; bytes written to .buffer are the same output, decoded as UTF-8."""

    encoding = "utf-8"
    errors = "strict"
    line_buffering = False

    def __init__(self, stream):
        super().__init__()
        self._stream = stream
        self.name = "<stdout>" if stream == "out" else "<stderr>"
        self.mode = "w"
        self.buffer = _JobBuffer(self)

    def write(self, s):
        if not isinstance(s, str):
            raise TypeError(f"write() argument must be str, not {type(s).__name__}")
        return self._emit(s, sys._getframe(1))

    def _emit(self, s, caller):
        if _riffle._job_frame(caller) is None:
            # Not the job's own output (Pyodide printing the traceback of an exception that left the job): the
            # terminal, as before.
            (sys.__stderr__ if self._stream == "err" else sys.__stdout__).write(s)
            return len(s)
        if s:
            _riffle.js.output(self._stream, s, _riffle.current_line())
        return len(s)

    def flush(self):
        pass

    def fileno(self):
        raise io.UnsupportedOperation(f"fileno(): a Riffle job's sys.{'stdout' if self._stream == 'out' else 'stderr'} is not a file: "
                                      "what it writes goes to the job's output (print(), .write() and .buffer.write() do; "
                                      "os.write() to a file descriptor does not)")

    def reconfigure(self, *, encoding=None, errors=None, newline=None, line_buffering=None, write_through=None):
        # Writes are never buffered, whatever is asked; an encoding other than UTF-8 would not be the output's.
        if encoding is not None and codecs.lookup(encoding).name != "utf-8":
            raise ValueError(f"reconfigure(encoding={encoding!r}): a Riffle job's output is UTF-8")


class _JobBuffer(_OpenForWriting, io.RawIOBase):
    """sys.stdout.buffer: bytes written are decoded as UTF-8 (a character split between writes is kept for the
    next) and go to the same output as the text stream's writes."""

    def __init__(self, text):
        super().__init__()
        self._text = text
        self._decoder = codecs.getincrementaldecoder("utf-8")("replace")

    def write(self, b):
        data = bytes(b)
        self._text._emit(self._decoder.decode(data), sys._getframe(1))
        return len(data)

    def fileno(self):
        return self._text.fileno()
