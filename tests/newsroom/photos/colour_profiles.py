"""A Display P3 colour profile, the one phones and Macs write into photos, built here: Pillow
makes only sRGB, Lab and XYZ profiles. Its primaries and white are Apple's, adapted to D50;
its tone curve a plain gamma, near enough to P3's for the colours compared."""

import struct

D50 = (0.9642, 1.0, 0.8249)
PRIMARIES = {
    b"rXYZ": (0.5151, 0.2412, -0.0011),
    b"gXYZ": (0.2920, 0.6922, 0.0419),
    b"bXYZ": (0.1571, 0.0666, 0.7841),
}


def _fixed(value: float) -> bytes:
    return struct.pack(">i", round(value * 65536))


def _xyz(values: tuple[float, float, float]) -> bytes:
    return b"XYZ \x00\x00\x00\x00" + b"".join(_fixed(value) for value in values)


def _description(text: str) -> bytes:
    ascii_text = text.encode("ascii") + b"\x00"
    return (
        b"desc\x00\x00\x00\x00"
        + struct.pack(">I", len(ascii_text))
        + ascii_text
        + b"\x00" * 8  # no Unicode description
        + b"\x00" * 3  # no ScriptCode description
        + b"\x00" * 67
    )


def display_p3() -> bytes:
    curve = b"curv\x00\x00\x00\x00" + struct.pack(">IH", 1, round(2.2 * 256)) + b"\x00\x00"
    tags = [
        (b"desc", _description("Display P3")),
        (b"wtpt", _xyz(D50)),
        *((signature, _xyz(values)) for signature, values in PRIMARIES.items()),
        (b"rTRC", curve),
        (b"gTRC", curve),
        (b"bTRC", curve),
    ]
    table_size = 4 + 12 * len(tags)
    offset, table, data = 128 + table_size, [], b""
    for signature, body in tags:
        body += b"\x00" * (-len(body) % 4)
        table.append(signature + struct.pack(">II", offset + len(data), len(body)))
        data += body
    size = 128 + table_size + len(data)
    header = (
        struct.pack(">I", size)
        + b"none"
        + struct.pack(">I", 0x02100000)
        + b"mntrRGB XYZ "
        + struct.pack(">6H", 2024, 1, 1, 0, 0, 0)
        + b"acsp"
        + b"APPL"
        + b"\x00" * 4  # flags
        + b"\x00" * 8  # device manufacturer and model
        + b"\x00" * 8  # device attributes
        + struct.pack(">I", 0)  # perceptual rendering intent
        + b"".join(_fixed(value) for value in D50)
        + b"none"
    )
    header += b"\x00" * (128 - len(header))
    return header + struct.pack(">I", len(tags)) + b"".join(table) + data
