"""Pixels of an X screen dump (xwd -root) and of a PNG that `actionboard --screenshot` wrote, as
rows of (r, g, b) tuples, for the end-to-end tests. Standard library only."""
import struct
import zlib


def read_xwd(path):
    """ZPixmap, depth 24, 32 bits per pixel (what Xvfb dumps); rows of (r, g, b)."""
    data = open(path, "rb").read()
    header = struct.unpack(">25I", data[:100])
    header_size, version, pixmap_format, depth, width, height = header[:6]
    byte_order, bits_per_pixel, bytes_per_line, colours = header[7], header[11], header[12], header[19]
    if version != 7 or pixmap_format != 2 or bits_per_pixel != 32 or depth != 24:
        raise ValueError("unsupported xwd")
    start = header_size + 12 * colours
    rows = []
    for y in range(height):
        row = data[start + y * bytes_per_line:start + y * bytes_per_line + width * 4]
        if byte_order == 0:  # LSBFirst: B, G, R, unused
            rows.append(list(zip(row[2::4], row[1::4], row[0::4])))
        else:
            rows.append(list(zip(row[1::4], row[2::4], row[3::4])))
    return rows


def read_png(path):
    """8-bit RGBA or RGB, not interlaced; rows of (r, g, b)."""
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat = 8, b""
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, bits, colour = struct.unpack(">IIBB", body[:10])
            assert bits == 8 and colour in (2, 6), "unsupported PNG"
            bpp = 4 if colour == 6 else 3
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * bpp
    previous = bytearray(stride)
    rows = []
    for y in range(height):
        kind = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            left = line[i - bpp] if i >= bpp else 0
            up = previous[i]
            corner = previous[i - bpp] if i >= bpp else 0
            if kind == 1:
                line[i] = (line[i] + left) & 255
            elif kind == 2:
                line[i] = (line[i] + up) & 255
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 255
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                line[i] = (line[i] + (left if pa <= pb and pa <= pc else up if pb <= pc else corner)) & 255
        rows.append(list(zip(line[0::bpp], line[1::bpp], line[2::bpp])))
        previous = line
    return rows


def differing(a, b, box):
    """Pixels that differ between two images within box = (x, y, w, h)."""
    x, y, w, h = (int(v) for v in box)
    count = 0
    for row in range(max(y, 0), min(y + h + 1, len(a), len(b))):
        for col in range(max(x, 0), min(x + w + 1, len(a[row]), len(b[row]))):
            count += a[row][col] != b[row][col]
    return count
