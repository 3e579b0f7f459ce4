"""Jinja templates to a document layout: one ``@directive`` per line; values print as plain one-line text
(never a directive, never evaluated again), in a sandbox that is strict about undefined values."""

from __future__ import annotations

import datetime as dt
import functools
import re
from importlib import resources
from pathlib import Path
from typing import Any

from quyche_cli.documents.docx import Block, Layout
from quyche_cli.errors import RenderError

_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_BREAKS = re.compile(r"[\n\r\t\x0b\x0c\x85\u2028\u2029]")
_DIRECTIVE = re.compile(r"^@([a-z_]+)(?: (.*))?$")
LIST_DIRECTIVES = {"excerpt": "excerpt", "to": "addressees", "authority": "authority", "cc": "recipients"}
TEXT_DIRECTIVES = {"mark", "layout", "superior", "issuer", "number", "subject", "place_date", "type", "signer"}
BODY_DIRECTIVES = {"p", "heading", "center", "article", "item", "quote", "field"}


def plain(value: Any) -> str:
    """What Jinja prints for a value: plain one-line text."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return format_date(value)
    return _BREAKS.sub(" ", _CONTROL.sub("", str(value)))


def format_date(day: dt.date) -> str:
    return f"{day:%d/%m/%Y}"


def bundled_templates() -> Path:
    packaged = Path(str(resources.files("quyche_cli") / "templates"))
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "templates"


MAX_ITERATIONS = 1_000_000
MAX_TEXT = 16 * 2**20
# Characters that a render's operations may read and make, in all: each call, operator and filter costs the
# length of what it works on and of what it returns, so a loop of ``.upper()`` on a long value ends early.
MAX_WORK = 16 * MAX_TEXT
_BIG_NUMBER = re.compile(r"\d{8,}")
FORMATTERS = {"format", "format_map"}
SIZED = {"center", "ljust", "rjust", "zfill", "expandtabs", "indent", "wordwrap"}


class TemplateLimit(Exception):
    """A template went past a bound (loop iterations, the length of a value or of the output), or is not a
    regular file inside the templates folder."""


def _count(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def _checked(value: Any) -> Any:
    """``value``, unless it is a text or sequence longer than ``MAX_TEXT``."""
    if isinstance(value, str | bytes | list | tuple | dict) and len(value) > MAX_TEXT:
        raise TemplateLimit(f"một giá trị dài quá {_count(MAX_TEXT)} ký tự")
    return value


def _check_size(name: str, subject: Any, args: tuple[Any, ...] = ()) -> None:
    """Refuse, before it runs, an operation ``name`` on ``subject`` whose result would be longer than
    ``MAX_TEXT``: a width (``center(10**10)``), a repetition (``"x" * 10**10``) or a width inside a format
    string (``"%099999999d"``, ``"{:>9999999999}"``). Numbers formatted or added are values, not sizes."""
    if name in FORMATTERS or name == "%":
        too_big = isinstance(subject, str) and _BIG_NUMBER.search(subject) is not None
    elif name == "*":
        pairs = ((subject, *args), (*args, subject))
        too_big = any(
            isinstance(seq, str | list | tuple) and isinstance(n, int) and len(seq) * n > MAX_TEXT for seq, n in pairs
        )
    elif name in ("replace", "join") and isinstance(subject, str):
        too_big = _grown(name, subject, args) > MAX_TEXT
    else:
        too_big = name in SIZED and any(isinstance(arg, int) and abs(arg) > MAX_TEXT for arg in args)
    if too_big:
        raise TemplateLimit(f"một độ rộng hoặc số lần lặp làm kết quả dài quá {_count(MAX_TEXT)} ký tự")


def _grown(name: str, subject: str, args: tuple[Any, ...]) -> int:
    """The length ``subject.replace(old, new)`` or ``subject.join(items)`` would have, counted without making
    it (0 when the arguments are not texts: the call itself then fails)."""
    if name == "replace" and len(args) >= 2 and isinstance(args[0], str) and isinstance(args[1], str):
        old, new = args[0], args[1]
        times = subject.count(old)
        if len(args) > 2 and isinstance(args[2], int) and args[2] >= 0:
            times = min(times, args[2])
        return len(subject) + times * max(len(new) - len(old), 0)
    if name == "join" and args and isinstance(args[0], list | tuple):
        items = args[0]
        return sum(len(item) for item in items if isinstance(item, str)) + len(subject) * max(len(items) - 1, 0)
    return 0


def _size(value: Any) -> int:
    return len(value) if isinstance(value, str | bytes | list | tuple | dict) else 0


def _environment(folder: Path) -> Any:
    """A sandboxed Jinja environment over the templates in ``folder``, with every loop, value and call bounded."""
    from jinja2 import BaseLoader, StrictUndefined, TemplateNotFound, nodes
    from jinja2.compiler import CodeGenerator, Frame
    from jinja2.nodes import EvalContext
    from jinja2.runtime import Context
    from jinja2.sandbox import SandboxedEnvironment

    root = folder.resolve()

    class FolderLoader(BaseLoader):
        """Templates read only from regular files inside the folder (no link leading out of it)."""

        def get_source(self, environment: Any, template: str) -> tuple[str, str, Any]:
            from quyche_cli.saferead import NotRegular, open_regular

            path = (root / template).resolve()
            if not path.is_relative_to(root):
                raise TemplateLimit(f"mẫu '{template}' nằm ngoài thư mục mẫu '{folder}' (liên kết dẫn ra ngoài)")
            try:
                with open_regular(path) as handle:
                    source = handle.read(MAX_TEXT + 1).decode("utf-8")
            except FileNotFoundError:
                raise TemplateNotFound(template) from None
            except NotRegular as exc:
                raise TemplateLimit(f"mẫu '{template}': {exc}") from None
            return source, str(path), None

    class BoundedCode(CodeGenerator):
        """Every loop iterates through ``environment.counted`` and every ``~`` result is checked."""

        def visit_For(self, node: nodes.For, frame: Frame) -> None:
            node.iter = nodes.Call(nodes.EnvironmentAttribute("counted"), [node.iter], [], None, None)
            super().visit_For(node, frame)

        def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
            self.write("environment.checked(")
            super().visit_Concat(node, frame)
            self.write(")")

    class BoundedEnvironment(SandboxedEnvironment):
        code_generator_class = BoundedCode
        intercepted_binops = frozenset({"*", "**", "+", "%"})
        iterations = 0

        def counted(self, iterable: Any) -> Any:
            for item in iterable:
                self.iterations += 1
                if self.iterations > MAX_ITERATIONS:
                    raise TemplateLimit(f"các vòng lặp chạy quá {_count(MAX_ITERATIONS)} lượt")
                yield item

        work = 0

        def spent(self, *values: Any) -> None:
            """Count the work of an operation on ``values``; TemplateLimit past ``MAX_WORK``."""
            self.work += sum(map(_size, values))
            if self.work > MAX_WORK:
                raise TemplateLimit(f"mẫu xử lý quá {_count(MAX_WORK)} ký tự (quá nhiều việc)")

        def checked(self, value: Any) -> Any:
            self.spent(value)
            return _checked(value)

        def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
            if operator == "**" and isinstance(right, int) and abs(right) > 64:
                raise TemplateLimit("một lũy thừa quá lớn")
            _check_size(operator, left, (right,))
            self.spent(left, right)
            return self.checked(super().call_binop(context, operator, left, right))

        def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
            subject = getattr(__obj, "__self__", None)
            _check_size(getattr(__obj, "__name__", ""), subject, (*args, *kwargs.values()))
            __self.spent(subject, *args)
            return __self.checked(super().call(__context, __obj, *args, **kwargs))

        def getattr(self, obj: Any, attribute: str) -> Any:
            if attribute in FORMATTERS:
                _check_size(attribute, obj)
            return _checked(super().getattr(obj, attribute))

        def getitem(self, obj: Any, argument: Any) -> Any:
            return _checked(super().getitem(obj, argument))

    env = BoundedEnvironment(
        loader=FolderLoader(),
        undefined=StrictUndefined,
        finalize=plain,
        autoescape=False,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )

    def bounded(name: str, function: Any) -> Any:
        @functools.wraps(function)  # keeps Jinja's pass_context / pass_environment mark
        def filter_(*args: Any, **kwargs: Any) -> Any:
            subject, *rest = [arg for arg in args if not isinstance(arg, Context | EvalContext | SandboxedEnvironment)]
            _check_size(name, subject, (*rest, *kwargs.values()))
            env.spent(subject)
            return env.checked(function(*args, **kwargs))

        return filter_

    env.filters = {name: bounded(name, function) for name, function in env.filters.items()}
    return env


def render_text(name: str, context: dict[str, Any], templates: Path | None) -> str:
    """The template ``name`` filled with ``context``, from the folder ``templates`` when given (RenderError
    when it, or the template, is missing or not a regular file inside it), else the bundled one. Sandboxed,
    strict about undefined values, with loops, values and output bounded: any template error is a RenderError
    naming the template."""
    from jinja2 import TemplateError, UndefinedError

    if templates is not None and not templates.is_dir():
        raise RenderError(f"Thư mục mẫu '{templates}' không tồn tại.")
    if templates is not None and not (templates / f"{name}.j2").exists():
        raise RenderError(
            f"Thư mục mẫu '{templates}' không có tệp {name}.j2 (chép mẫu gốc từ {bundled_templates()} để sửa)."
        )
    env = _environment(templates or bundled_templates())
    try:
        parts, size = [], 0
        for part in env.get_template(f"{name}.j2").generate(context):
            size += len(part)
            if size > MAX_TEXT:
                raise TemplateLimit(f"văn bản tạo ra dài quá {_count(MAX_TEXT)} ký tự")
            parts.append(part)
        return "".join(parts)
    except UndefinedError as exc:
        raise RenderError(f"Mẫu {name}.j2 dùng một giá trị không có: {exc.message}.") from None
    except TemplateError as exc:
        line = getattr(exc, "lineno", None)
        where = f" (dòng {line})" if line else ""
        raise RenderError(f"Mẫu {name}.j2 lỗi{where}: {exc}.") from None
    except TemplateLimit as exc:
        raise RenderError(f"Mẫu {name}.j2 không dùng được: {exc}.") from None
    except Exception as exc:  # a template may make its code raise anything (1/0, "a" + 1, range(10**10))
        raise RenderError(f"Mẫu {name}.j2 lỗi khi chạy: {type(exc).__name__}: {exc}.") from None


def parse_layout(text: str, name: str) -> Layout:
    """Turn the directive lines a template produced into a :class:`Layout`."""
    layout = Layout()
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        match = _DIRECTIVE.match(line.strip())
        if not match:
            raise RenderError(
                f"{name}: dòng {number} phải bắt đầu bằng một chỉ thị @… (ví dụ @p), đang là '{line[:60]}'."
            )
        directive, value = match.group(1), (match.group(2) or "").strip()
        if directive in TEXT_DIRECTIVES:
            setattr(layout, "type_name" if directive == "type" else directive, value)
        elif directive in LIST_DIRECTIVES:
            if value:
                getattr(layout, LIST_DIRECTIVES[directive]).append(value)
        elif directive in BODY_DIRECTIVES:
            layout.body.append(Block(directive, value))  # type: ignore[arg-type]
        else:
            raise RenderError(f"{name}: dòng {number}: chỉ thị '@{directive}' không tồn tại.")
    return layout
