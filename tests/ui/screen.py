#!/usr/bin/env python3
"""Says what an X screen dump (xwd -root) shows: "black" when every pixel is (0, 0, 0), "white"
when every pixel is (255, 255, 255), else "mixed" and how many distinct colours. Reads the dump
from the file named on the command line. Handles the ZPixmap, 24-bit depth, 32 bits per pixel
dumps that Xvfb gives; anything else is an error (exit 2)."""
import struct
import sys


def pixels(data):
    header = struct.unpack(">25I", data[:100])
    header_size, version, pixmap_format, depth, width, height = header[:6]
    byte_order, bits_per_pixel, bytes_per_line = header[7], header[11], header[12]
    colours = header[19]
    if version != 7 or pixmap_format != 2 or bits_per_pixel != 32 or depth != 24:
        raise ValueError(f"unsupported xwd: version {version}, format {pixmap_format}, "
                         f"depth {depth}, {bits_per_pixel} bits per pixel")
    start = header_size + 12 * colours
    seen = set()
    for y in range(height):
        row = data[start + y * bytes_per_line:start + y * bytes_per_line + width * 4]
        # LSBFirst (0): bytes are B, G, R, unused; MSBFirst: unused, R, G, B.
        step = row[0::4], row[1::4], row[2::4], row[3::4]
        blue, green, red = (step[0], step[1], step[2]) if byte_order == 0 else (step[3], step[2], step[1])
        seen.update(set(zip(red, green, blue)))
        if len(seen) > 1:
            break
    return width, height, seen


def main():
    with open(sys.argv[1], "rb") as f:
        data = f.read()
    try:
        width, height, seen = pixels(data)
    except (ValueError, struct.error) as error:
        print(f"error: {error}")
        return 2
    if seen == {(0, 0, 0)}:
        print("black")
    elif seen == {(255, 255, 255)}:
        print("white")
    else:
        print(f"mixed ({width}x{height})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
