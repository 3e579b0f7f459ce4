"""Every error a user can cause, with the exit code the command line gives it (a rules file that cannot be
used is ``quyche_cli.rules.problems.RulesFileError``, beside the problems it carries).

The core raises these and never prints or exits; ``quyche_cli.cli`` turns them into a Vietnamese message
on stderr and the exit code below (0 all good, 1 problems found, 2 usage or input error).
"""

from __future__ import annotations

OK, PROBLEMS, USAGE = 0, 1, 2


class QuycheError(Exception):
    """Base of every error quyche reports to a user; ``details`` are printed one per line under the message."""

    exit_code = USAGE

    def __init__(self, message: str, details: list[str] | None = None) -> None:
        super().__init__(message)
        self.details = details or []


class InputError(QuycheError, ValueError):
    """A value the user typed or a file they named cannot be used (a date, a period, a CSV, a folder)."""


class RenderError(QuycheError):
    """A document cannot be made; ``details`` lists every reason (missing fields first)."""


class OutputError(QuycheError):
    """An output file cannot be written (missing folder, a directory, no permission)."""


class NotFoundError(QuycheError):
    """A typed name or citation matches nothing, or more than one thing: a problem found, not a usage error."""

    exit_code = PROBLEMS


_OS_REASONS = {
    "ENOENT": "không có tệp hoặc thư mục này",
    "EISDIR": "đây là một thư mục",
    "ENOTDIR": "một phần của đường dẫn không phải thư mục",
    "EACCES": "không có quyền truy cập",
    "EPERM": "không có quyền truy cập",
    "EROFS": "ổ đĩa chỉ cho đọc",
    "ENOSPC": "ổ đĩa đã đầy",
    "ENAMETOOLONG": "tên quá dài",
    "ELOOP": "là một liên kết tượng trưng, không theo",
}


def os_reason(exc: OSError) -> str:
    """Why the system refused a file, in Vietnamese (Python's strerror is English)."""
    import errno

    code = errno.errorcode.get(exc.errno or 0, "")
    return _OS_REASONS.get(code, f"lỗi hệ thống {code or exc.errno}".strip())
