"""PyYAML's syntax errors in Vietnamese, located where the reader can fix them.

PyYAML (libyaml or its pure-Python twin) says what it found (``problem``, at ``problem_mark``) and what it
was reading (``context``, at ``context_mark``). Both are translated from the fixed English strings of the
two scanners and parsers; a string not in the table is kept as it is inside a Vietnamese sentence. A problem
found at the end of the file (an unclosed quote or bracket) is located where the unfinished value began.
"""

from __future__ import annotations

import re

import yaml

from quyche_cli.rules.problems import Problem

_TAB = "có ký tự Tab: YAML chỉ cho thụt lề bằng dấu cách"
_START = "ký tự{} không được mở đầu một giá trị (hãy đặt giá trị trong dấu nháy)"
_NO_VALUE = "không được có dấu ':' ở đây (giá trị có ': ' thì đặt trong dấu nháy; hoặc thụt lề sai)"
_NO_COLON = "thiếu dấu ':' sau khóa (hoặc dòng trước chưa kết thúc)"
_NO_CONTENT = "thiếu giá trị (thụt lề sai?)"
# (pattern of PyYAML's English, Vietnamese; "{}" receives the pattern's group, quoted).
_WORDS: list[tuple[str, str]] = [
    # contexts: what was being read, and where it began
    (r"while (?:scanning|parsing) a quoted scalar", "chuỗi trong dấu nháy bắt đầu"),
    (r"while scanning a plain scalar", "giá trị bắt đầu"),
    (r"while scanning a simple key", "khóa bắt đầu"),
    (r"while scanning a block scalar", "khối văn bản (| hoặc >) bắt đầu"),
    (r"while scanning a tag", "thẻ (!) bắt đầu"),
    (r"while scanning an anchor", "neo (&) bắt đầu"),
    (r"while scanning an alias", "tham chiếu (*) bắt đầu"),
    (r"while scanning a directive", "chỉ thị (%) bắt đầu"),
    (r"while scanning for the next token", ""),  # at the problem itself: nothing to add
    (r"while parsing a block collection", "danh sách bắt đầu"),
    (r"while parsing a block mapping", "bảng khóa: giá trị bắt đầu"),
    (r"while parsing a flow sequence", "danh sách [ ] bắt đầu"),
    (r"while parsing a flow mapping", "bảng { } bắt đầu"),
    (r"while parsing a (?:block |flow )?node", "giá trị bắt đầu"),
    (r"expected a single document in the stream", "tài liệu thứ nhất bắt đầu"),
    (r"found duplicate anchor;? (?:'(.*)'; )?first occurrence", "neo{} đặt lần đầu"),
    # problems: what was found
    (r"found a tab character (?:that violates? indentation|where an indentation space is expected)", _TAB),
    (r"found character '\\t' that cannot start any token", _TAB),
    (r"found character (?:'(.*)' )?that cannot start any token", _START),
    (r"mapping values are not allowed (?:here|in this context)", _NO_VALUE),
    (r"could not find expected ':'", _NO_COLON),
    (r"found unexpected end of stream", "tệp kết thúc khi giá trị chưa được đóng"),
    (r"found unexpected document (?:indicator|separator)", "gặp dấu '---' hoặc '...' giữa một giá trị"),
    (r"found unknown escape character(?: '(.*)')?", "mã thoát{} sau dấu \\ không hợp lệ trong chuỗi nháy kép"),
    (r"(?:did not find )?expected (?:hexdecimal|escape sequence of \d+ hexadecimal).*", "mã thoát thiếu chữ số"),
    (r"found invalid Unicode character escape code", "mã thoát Unicode không hợp lệ"),
    (r"did not find expected ',' or '([\]}])'", "thiếu dấu ',' hoặc{}"),
    (r"expected ',' or '([\]}])', but got .*", "thiếu dấu ',' hoặc{}"),
    (r"did not find expected '-' indicator", "thiếu dấu '-' của mục danh sách (thụt lề sai?)"),
    (r"did not find expected key", "thiếu khóa (thụt lề sai?)"),
    (r"expected <block end>, but found .*", "thụt lề sai: dòng này không thuộc khối phía trên"),
    (r"did not find expected node content", _NO_CONTENT),
    (r"expected the node content, but found .*", _NO_CONTENT),
    (r"did not find expected <document start>", "thiếu dấu mở tài liệu '---'"),
    (r"expected '<document start>', but found .*", "thiếu dấu mở tài liệu '---'"),
    (r"found undefined alias(?: '?([^']*)'?)?", "tham chiếu (*){} tới một neo (&) chưa khai báo"),
    (r"second occurrence", "một neo (&) bị đặt tên lần thứ hai: mỗi tên neo chỉ dùng một lần"),
    (r"but found another document", "tệp chỉ được có một tài liệu YAML, nhưng có thêm tài liệu ở đây"),
    (r"found an indentation indicator equal to 0", "chỉ số thụt lề của khối không được bằng 0"),
    (r"did not find (?:the )?expected '>'", "thiếu dấu '>'"),
    (r"found unknown directive name", "chỉ thị % không được hỗ trợ"),
    (r"found incompatible YAML document", "phiên bản YAML không được hỗ trợ"),
    (r"found undefined tag handle(?: .*)?", "tiền tố thẻ (!) chưa được khai báo"),
    (r"(?:did not find )?expected alphabetic or numeric character.*", "tên neo/tham chiếu phải là chữ hoặc số"),
    (r"did not find expected comment or line break", "thừa ký tự sau dấu mở khối"),
    (r"(?:control|special) characters are not allowed", "tệp có ký tự điều khiển không được phép"),
]
_TABLE = [(re.compile(pattern, re.DOTALL), words) for pattern, words in _WORDS]
_AT_END = ("found unexpected end of stream", "found unexpected document")


def vietnamese(english: str) -> str | None:
    """The Vietnamese of one of PyYAML's fixed strings, or None when it is not in the table."""
    for pattern, words in _TABLE:
        found = pattern.fullmatch(english.strip())
        if found:
            group = found.group(1) if pattern.groups else None
            return words.replace("{}", f" '{group}'" if group else "")
    return None


def _where(mark: yaml.Mark) -> str:
    return f"dòng {mark.line + 1}, cột {mark.column + 1}"


def syntax_problem(error: yaml.YAMLError, file: str, text: str) -> Problem:
    """A ``yaml-syntax`` problem in Vietnamese for any error PyYAML raised while reading ``text`` (``file``)."""
    if isinstance(error, yaml.reader.ReaderError):
        code = f"U+{error.character:04X}" if isinstance(error.character, int) else repr(error.character)
        at = text.find(chr(error.character)) if isinstance(error.character, int) else -1  # its first occurrence
        before = text[: max(at, 0)]
        message = f"Tệp có ký tự điều khiển {code}, không được phép trong YAML: hãy xóa ký tự này."
        return Problem("yaml-syntax", message, file, before.count("\n") + 1, len(before) - before.rfind("\n"))
    if not isinstance(error, yaml.MarkedYAMLError):
        return Problem("yaml-syntax", f"Lỗi cú pháp YAML (PyYAML: {error}).", file)
    problem, context = error.problem or "", error.context or ""
    said, reading = vietnamese(problem), vietnamese(context)
    if (problem and said is None) or (context and reading is None):
        said = f"cú pháp không hợp lệ (PyYAML: {'; '.join(s for s in (context, problem) if s)})"
    message = said or reading or "cú pháp không hợp lệ"
    mark = error.problem_mark or error.context_mark
    begun = error.context_mark
    if begun is not None and error.problem_mark is not None and problem.startswith(_AT_END):
        mark = begun  # nothing to fix at the end of the file: point at the value left open
        message += f" ({reading or 'giá trị bắt đầu'} ở đây; tệp hết ở {_where(error.problem_mark)})"
    elif begun is not None and said is not None and reading and problem:
        message += f" ({reading} ở {_where(begun)})"
    line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
    return Problem("yaml-syntax", f"Lỗi cú pháp YAML: {message}.", file, line, column)
