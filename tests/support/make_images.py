#!/usr/bin/env python3
"""Writes test images of every format and mode torchvision's ImageFolder may meet, each with what
Pillow gives for Image.open(path).convert("RGB") (tests/core/tst_imagedecoder.cpp compares).

Usage: make_images.py OUTDIR [COUNT SIZE]
  OUTDIR/manifest.tsv lines:  NAME <tab> MODE <tab> WIDTH <tab> HEIGHT   (NAME.rgb holds 3 x H x W bytes)
                          or  NAME <tab> ! <tab> TEXT   (decoding must fail with a message containing TEXT;
                                                          empty TEXT where Pillow itself refuses the file)
With COUNT and SIZE it writes only COUNT quality-90 JPEGs of SIZE x SIZE (bench-NNNN.jpg) for timing.
"""
import io
import struct
import sys
import warnings
import zlib
from pathlib import Path

import numpy as np
from PIL import Image

warnings.filterwarnings("ignore")  # Pillow's notes on palette transparency
rng = np.random.default_rng(20240611)
out = Path(sys.argv[1])
out.mkdir(parents=True, exist_ok=True)
manifest = []

if len(sys.argv) > 3:  # the throughput measurement's files
    count, size = int(sys.argv[2]), int(sys.argv[3])
    y, x = np.mgrid[0:size, 0:size]
    for i in range(count):
        a = np.stack([(x + i) % 256, (y * 2 + i) % 256, (x + y) % 256], -1) + rng.integers(0, 40, (size, size, 3))
        Image.fromarray(a.clip(0, 255).astype(np.uint8)).save(out / f"bench-{i:04d}.jpg", quality=90)
    sys.exit(0)


def noise(h, w, c=3):
    return rng.integers(0, 256, (h, w, c) if c > 1 else (h, w), dtype=np.uint8)


def smooth(h, w):
    y, x = np.mgrid[0:h, 0:w]
    a = np.stack([(x * 255 // max(w - 1, 1)), (y * 255 // max(h - 1, 1)), ((x + y) * 7) % 256], -1)
    return (a + rng.integers(0, 12, (h, w, 3))).clip(0, 255).astype(np.uint8)


def expect(name, data, refusal=None):
    """Writes the file and what Pillow reads from it (or that it must be refused)."""
    (out / name).write_bytes(data)
    if refusal is not None:
        manifest.append(f"{name}\t!\t{refusal}")
        return
    try:
        with Image.open(io.BytesIO(data)) as im:
            mode = im.mode
            rgb = np.asarray(im.convert("RGB"))
    except Exception:  # Pillow refuses it: so must we
        manifest.append(f"{name}\t!\t")
        return
    (out / (name + ".rgb")).write_bytes(np.ascontiguousarray(rgb.transpose(2, 0, 1)).tobytes())
    manifest.append(f"{name}\t{mode}\t{rgb.shape[1]}\t{rgb.shape[0]}")


def saved(im, fmt, **options):
    b = io.BytesIO()
    im.save(b, fmt, **options)
    return b.getvalue()


def palette_image(h, w, colors=256):
    im = Image.fromarray(rng.integers(0, colors, (h, w), dtype=np.uint8), "P")
    im.putpalette(rng.integers(0, 256, 3 * colors, dtype=np.uint8).tobytes())
    return im


# ---------------------------------------------------------------- PNG
def png_chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png(w, h, color_type, depth, rows, extra=b""):
    """A PNG with filter-0 rows (each already packed to bytes)."""
    ihdr = struct.pack(">IIBBBBB", w, h, depth, color_type, 0, 0, 0)
    raw = b"".join(b"\0" + r for r in rows)
    return (b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", ihdr) + extra + png_chunk(b"IDAT", zlib.compress(raw)) +
            png_chunk(b"IEND", b""))


for h, w in [(1, 1), (5, 17), (48, 64)]:
    expect(f"png_rgb_{w}x{h}.png", saved(Image.fromarray(noise(h, w)), "PNG"))
    expect(f"png_l_{w}x{h}.png", saved(Image.fromarray(noise(h, w, 1)), "PNG"))
expect("png_1.png", saved(Image.fromarray(noise(5, 17, 1)).convert("1"), "PNG"))
expect("png_la.png", saved(Image.fromarray(noise(9, 13, 3)[:, :, :2].copy(), "LA"), "PNG"))
expect("png_rgba.png", saved(Image.fromarray(noise(9, 13, 4)), "PNG"))
expect("png_p.png", saved(palette_image(9, 13), "PNG"))
expect("png_p_4bit.png", saved(palette_image(9, 13, 16), "PNG", bits=4))
expect("png_p_trns.png", saved(palette_image(9, 13), "PNG", transparency=bytes(range(0, 256, 2)) * 2))
expect("png_rgb_trns.png", saved(Image.fromarray(noise(9, 13)), "PNG", transparency=(1, 2, 3)))
expect("png_l_trns.png", saved(Image.fromarray(noise(9, 13, 1)), "PNG", transparency=7))
grey16 = rng.integers(0, 65536, (7, 11), dtype=np.uint16)
grey16[0, :6] = [0, 1, 254, 255, 256, 65535]
expect("png_i16.png", saved(Image.fromarray(grey16), "PNG"))
w, h = 11, 7
rgb16 = rng.integers(0, 65536, (h, w * 3), dtype=np.uint16).astype(">u2")
expect("png_rgb16.png", png(w, h, 2, 16, [r.tobytes() for r in rgb16]))
rgba16 = rng.integers(0, 65536, (h, w * 4), dtype=np.uint16).astype(">u2")
expect("png_rgba16.png", png(w, h, 6, 16, [r.tobytes() for r in rgba16]))
la16 = rng.integers(0, 65536, (h, w * 2), dtype=np.uint16).astype(">u2")
expect("png_la16.png", png(w, h, 4, 16, [r.tobytes() for r in la16]))
expect("png_grey2.png", png(w, h, 0, 2, [bytes(rng.integers(0, 256, (w * 2 + 7) // 8, dtype=np.uint8)) for _ in range(h)]))
expect("png_grey4.png", png(w, h, 0, 4, [bytes(rng.integers(0, 256, (w * 4 + 7) // 8, dtype=np.uint8)) for _ in range(h)]))
# A palette of 5 entries with indices up to 15: Pillow fills the rest with a grey ramp.
short_plte = png_chunk(b"PLTE", bytes(rng.integers(0, 256, 15, dtype=np.uint8)))
expect("png_p_short_palette.png",
       png(w, h, 3, 4, [bytes(rng.integers(0, 256, (w * 4 + 7) // 8, dtype=np.uint8)) for _ in range(h)], short_plte))
# Gamma and sBIT chunks change nothing in Pillow.
gama = png_chunk(b"gAMA", struct.pack(">I", 100000)) + png_chunk(b"sBIT", bytes([5, 6, 5]))
expect("png_gamma.png", png(w, h, 2, 8, [bytes(rng.integers(0, 256, w * 3, dtype=np.uint8)) for _ in range(h)], gama))
ADAM7 = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]
interlaced = noise(11, 13)
passes = b"".join(b"\0" + row.tobytes() for x0, y0, dx, dy in ADAM7 for row in interlaced[y0::dy, x0::dx]
                  if interlaced[y0::dy, x0::dx].size)
expect("png_interlaced.png", b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", struct.pack(">IIBBBBB", 13, 11, 8, 2, 0, 0, 1)) +
       png_chunk(b"IDAT", zlib.compress(passes)) + png_chunk(b"IEND", b""))
no_iend = saved(Image.fromarray(noise(9, 13)), "PNG")[:-12]
expect("png_no_iend.png", no_iend)

# ---------------------------------------------------------------- JPEG
for h, w in [(1, 1), (5, 17), (48, 64)]:
    expect(f"jpeg_420_{w}x{h}.jpg", saved(Image.fromarray(noise(h, w)), "JPEG", quality=90, subsampling=2))
expect("jpeg_444.jpg", saved(Image.fromarray(noise(37, 29)), "JPEG", quality=90, subsampling=0))
expect("jpeg_422.jpg", saved(Image.fromarray(noise(37, 29)), "JPEG", quality=75, subsampling=1))
expect("jpeg_smooth_420.jpg", saved(Image.fromarray(smooth(61, 83)), "JPEG", quality=85))
expect("jpeg_progressive.jpg", saved(Image.fromarray(noise(37, 29)), "JPEG", quality=90, progressive=True))
expect("jpeg_optimized.jpg", saved(Image.fromarray(smooth(37, 29)), "JPEG", quality=95, optimize=True))
expect("jpeg_l.jpg", saved(Image.fromarray(noise(37, 29, 1)), "JPEG", quality=90))
expect("jpeg_cmyk.jpg", saved(Image.fromarray(noise(37, 29, 4), "CMYK"), "JPEG", quality=90))
exif = Image.Exif()
exif[0x0112] = 6  # Orientation: rotate 90. Pillow's open/convert ignore it.
expect("jpeg_exif_rotated.jpg", saved(Image.fromarray(smooth(20, 30)), "JPEG", quality=90, exif=exif))
good = saved(Image.fromarray(smooth(64, 64)), "JPEG", quality=90)
corrupt = bytearray(good)
corrupt[len(good) * 2 // 3] ^= 0x55  # libjpeg warns about corrupt data; Pillow decodes anyway
expect("jpeg_corrupt_data.jpg", bytes(corrupt))
expect("jpeg_trailing_bytes.jpg", good + b"trailing bytes after EOI")
expect("jpeg_no_eoi.jpg", good[:-2], "truncated")

# ---------------------------------------------------------------- BMP
for h, w in [(1, 1), (5, 17), (48, 64)]:
    expect(f"bmp_rgb_{w}x{h}.bmp", saved(Image.fromarray(noise(h, w)), "BMP"))
expect("bmp_rgba32.bmp", saved(Image.fromarray(noise(9, 13, 4)), "BMP"))
expect("bmp_p8.bmp", saved(palette_image(9, 13), "BMP"))
expect("bmp_l8.bmp", saved(Image.fromarray(noise(9, 13, 1)), "BMP"))
expect("bmp_1bit.bmp", saved(Image.fromarray(noise(9, 13, 1)).convert("1"), "BMP"))
bottom_up = saved(Image.fromarray(noise(9, 13)), "BMP")
offset = struct.unpack_from("<I", bottom_up, 10)[0]
stride = (13 * 3 + 3) & ~3
rows = [bottom_up[offset + i * stride: offset + (i + 1) * stride] for i in range(9)]
top_down = bytearray(bottom_up[:offset] + b"".join(reversed(rows)))
struct.pack_into("<i", top_down, 22, -9)
expect("bmp_top_down.bmp", bytes(top_down))
bmp16 = bytearray(bottom_up)
struct.pack_into("<H", bmp16, 28, 16)
expect("bmp_16bit.bmp", bytes(bmp16), "16-bit BMP")
expect("bmp_truncated_padding.bmp", bottom_up[:-1])  # Pillow needs no padding after the last row
expect("bmp_truncated.bmp", bottom_up[: len(bottom_up) // 2], "truncated")

# ---------------------------------------------------------------- PPM / PGM
expect("ppm_rgb.ppm", saved(Image.fromarray(noise(5, 17)), "PPM"))
expect("pgm_l.pgm", saved(Image.fromarray(noise(5, 17, 1)), "PPM"))
expect("pgm_i16.pgm", saved(Image.fromarray(grey16.astype(np.int32), "I"), "PPM"))
ppm16 = rng.integers(0, 65536, (5, 17 * 3), dtype=np.uint16).astype(">u2")
expect("ppm_rgb16.ppm", b"P6\n17 5\n65535\n" + ppm16.tobytes())
expect("ppm_comment.ppm", b"P6 # made by hand\n17 # width\n 5\n255\n" + noise(5, 17).tobytes())
expect("pbm_bitmap.pbm", saved(Image.fromarray(noise(5, 17, 1)).convert("1"), "PPM"), "bitmap")
expect("pgm_maxval_100.pgm", b"P5\n4 1\n100\n" + bytes([0, 50, 100, 7]), "maxval 100")

# ---------------------------------------------------------------- TIFF
for mode in ["RGB", "L", "1", "P", "RGBA", "LA", "CMYK", "RGBX", "PA"]:
    base = Image.fromarray(noise(9, 13)) if mode != "P" else palette_image(9, 13)
    expect(f"tiff_{mode.lower()}.tif", saved(base.convert(mode), "TIFF"))
expect("tiff_i16.tif", saved(Image.fromarray(grey16), "TIFF"))
for compression in ["tiff_lzw", "tiff_deflate", "tiff_adobe_deflate", "packbits", "jpeg"]:
    expect(f"tiff_{compression}.tif", saved(Image.fromarray(noise(21, 19)), "TIFF", compression=compression))
expect("tiff_l_lzw.tif", saved(Image.fromarray(noise(21, 19, 1)), "TIFF", compression="tiff_lzw"))
expect("tiff_i32.tif", saved(Image.fromarray(noise(5, 7, 1).astype(np.int32), "I"), "TIFF"), "signed")


def tiff(order, w, h, spp, bps, photometric, data, extra=(), tile=None, colormap=None):
    """A one-directory uncompressed TIFF; `data` is one strip, or with tile=(tw, th) a list of tiles."""
    entries = [(256, 4, [w]), (257, 4, [h]), (258, 3, [bps] * spp), (259, 3, [1]), (262, 3, [photometric]),
               (277, 3, [spp]), (284, 3, [1])]
    chunks = data if tile else [data]
    if tile:
        entries += [(322, 4, [tile[0]]), (323, 4, [tile[1]]), (324, 4, None), (325, 4, [len(c) for c in chunks])]
    else:
        entries += [(273, 4, None), (278, 4, [h]), (279, 4, [len(data)])]
    if colormap is not None:
        entries.append((320, 3, list(colormap)))
    if extra:
        entries.append((338, 3, list(extra)))
    entries.sort()
    ifd_size = 2 + 12 * len(entries) + 4
    heap_at = 8 + ifd_size
    heap = b""
    data_at = heap_at + sum(2 * len(v) if t == 3 else 4 * len(v) for _, t, v in entries if v and
                            (2 * len(v) if t == 3 else 4 * len(v)) > 4) + (4 * len(chunks) if len(chunks) > 1 else 0)
    offsets, pos = [], data_at
    for c in chunks:
        offsets.append(pos)
        pos += len(c)
    ifd = struct.pack(order + "H", len(entries))
    for tag, kind, values in entries:
        values = offsets if values is None else values
        packed = struct.pack(order + ("H" if kind == 3 else "I") * len(values), *values)
        if len(packed) <= 4:
            ifd += struct.pack(order + "HHI", tag, kind, len(values)) + packed.ljust(4, b"\0")
        else:
            ifd += struct.pack(order + "HHII", tag, kind, len(values), heap_at + len(heap))
            heap += packed
    header = (b"II*\0" if order == "<" else b"MM\0*") + struct.pack(order + "I", 8)
    body = header + ifd + struct.pack(order + "I", 0) + heap
    assert len(body) == data_at, (len(body), data_at)
    return body + b"".join(chunks)


w, h = 13, 9
rgb16t = rng.integers(0, 65536, (h, w * 3), dtype=np.uint16)
expect("tiff_rgb16_le.tif", tiff("<", w, h, 3, 16, 2, rgb16t.astype("<u2").tobytes()))
expect("tiff_rgb16_be.tif", tiff(">", w, h, 3, 16, 2, rgb16t.astype(">u2").tobytes()))
grey16_small = rng.integers(0, 700, (h, w), dtype=np.uint16)  # around the clip at 255
expect("tiff_i16_be.tif", tiff(">", w, h, 1, 16, 1, grey16_small.astype(">u2").tobytes()))
premultiplied = noise(h, w, 4)
premultiplied[..., :3] = (premultiplied[..., :3].astype(int) * premultiplied[..., 3:] // 255).astype(np.uint8)
premultiplied[0, :3, 3] = [0, 255, 1]
expect("tiff_rgba_premultiplied.tif", tiff("<", w, h, 4, 8, 2, premultiplied.tobytes(), extra=[1]))
expect("tiff_l_min_is_white.tif", tiff("<", w, h, 1, 8, 0, noise(h, w, 1).tobytes()))
expect("tiff_l_4bit.tif", tiff("<", w, h, 1, 4, 1, noise(h, (w + 1) // 2, 1).tobytes()))
cmap = rng.integers(0, 65536, 3 * 16, dtype=np.uint16)
expect("tiff_p_4bit.tif", tiff("<", w, h, 1, 4, 3, noise(h, (w + 1) // 2, 1).tobytes(), colormap=cmap))
tw, th, tiled_w, tiled_h = 16, 16, 37, 21
tiles = [noise(th, tw).tobytes() for _ in range(3 * 2)]
expect("tiff_tiled.tif", tiff("<", tiled_w, tiled_h, 3, 8, 2, tiles, tile=(tw, th)))
expect("tiff_truncated.tif", saved(Image.fromarray(noise(21, 19)), "TIFF")[:-100], "")

# ---------------------------------------------------------------- WebP
for h, w in [(1, 1), (5, 17), (48, 64)]:
    expect(f"webp_lossy_{w}x{h}.webp", saved(Image.fromarray(noise(h, w)), "WEBP", quality=80))
expect("webp_lossless.webp", saved(Image.fromarray(noise(9, 13)), "WEBP", lossless=True))
expect("webp_lossy_alpha.webp", saved(Image.fromarray(noise(9, 13, 4)), "WEBP", quality=80))
expect("webp_lossless_alpha.webp", saved(Image.fromarray(noise(9, 13, 4)), "WEBP", lossless=True))
expect("webp_smooth.webp", saved(Image.fromarray(smooth(61, 83)), "WEBP", quality=90))
frames = [Image.fromarray(noise(9, 13)) for _ in range(2)]
b = io.BytesIO()
frames[0].save(b, "WEBP", save_all=True, append_images=frames[1:])
expect("webp_animated.webp", b.getvalue(), "animated")

(out / "manifest.tsv").write_text("\n".join(manifest) + "\n")
