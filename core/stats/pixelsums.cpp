#include "core/stats/pixelsums.h"

#include "core/common/cpufeatures.h"

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#define NORMLAB_PIXELSUMS_AVX2 1
#endif

namespace normlab {
namespace {

void addPlain(const std::uint8_t* const* images, std::size_t count, std::size_t n, std::uint32_t* __restrict sum,
              std::uint32_t* __restrict sumSq) {
    std::size_t k = 0;
    for (; k + 4 <= count; k += 4) { // one pass over the sums for four images
        const std::uint8_t* __restrict a = images[k];
        const std::uint8_t* __restrict b = images[k + 1];
        const std::uint8_t* __restrict c = images[k + 2];
        const std::uint8_t* __restrict d = images[k + 3];
        for (std::size_t i = 0; i < n; ++i) {
            const std::uint32_t va = a[i], vb = b[i], vc = c[i], vd = d[i];
            sum[i] += va + vb + vc + vd;
            sumSq[i] += va * va + vb * vb + vc * vc + vd * vd;
        }
    }
    for (; k < count; ++k) {
        const std::uint8_t* __restrict a = images[k];
        for (std::size_t i = 0; i < n; ++i) {
            const std::uint32_t v = a[i];
            sum[i] += v;
            sumSq[i] += v * v;
        }
    }
}

#ifdef NORMLAB_PIXELSUMS_AVX2
// Two images' bytes of 8 pixels, interleaved as 16-bit lanes (a0 b0 a1 b1 …): VPMADDWD of the
// lanes with themselves gives a_i^2 + b_i^2 per pixel in 32 bits, with ones a_i + b_i.
struct PairSums {
    __m256i sum, sumSq;
};

__attribute__((target("avx2"))) inline PairSums pairSums(__m256i pairs) {
    const __m256i ones = _mm256_set1_epi16(1);
    return {_mm256_madd_epi16(pairs, ones), _mm256_madd_epi16(pairs, pairs)};
}

__attribute__((target("avx2"))) inline void addTo(std::uint32_t* at, __m256i value) {
    auto* p = reinterpret_cast<__m256i*>(at);
    _mm256_storeu_si256(p, _mm256_add_epi32(_mm256_loadu_si256(p), value));
}

// 16 pixels of images a and b (b may be a's zero stand-in) into the sums.
__attribute__((target("avx2"))) void addPairs(const std::uint8_t* a, const std::uint8_t* b, std::size_t n,
                                              std::uint32_t* sum, std::uint32_t* sumSq) {
    std::size_t i = 0;
    for (; i + 16 <= n; i += 16) {
        const __m128i va = _mm_loadu_si128(reinterpret_cast<const __m128i*>(a + i));
        const __m128i vb = b ? _mm_loadu_si128(reinterpret_cast<const __m128i*>(b + i)) : _mm_setzero_si128();
        const PairSums lo = pairSums(_mm256_cvtepu8_epi16(_mm_unpacklo_epi8(va, vb)));
        const PairSums hi = pairSums(_mm256_cvtepu8_epi16(_mm_unpackhi_epi8(va, vb)));
        addTo(sum + i, lo.sum), addTo(sum + i + 8, hi.sum);
        addTo(sumSq + i, lo.sumSq), addTo(sumSq + i + 8, hi.sumSq);
    }
    const std::uint8_t* rest[2] = {a + i, b ? b + i : nullptr};
    addPlain(rest, b ? 2 : 1, n - i, sum + i, sumSq + i);
}

// Four images per pass over the sums: the sums (1.2 MB for 224x224 RGB) are read and written
// once for the four.
__attribute__((target("avx2"))) void addFours(const std::uint8_t* const* images, std::size_t n, std::uint32_t* sum,
                                              std::uint32_t* sumSq) {
    const std::uint8_t *a = images[0], *b = images[1], *c = images[2], *d = images[3];
    std::size_t i = 0;
    for (; i + 16 <= n; i += 16) {
        const auto load = [&](const std::uint8_t* p) {
            return _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
        };
        const __m128i va = load(a), vb = load(b), vc = load(c), vd = load(d);
        const PairSums ab0 = pairSums(_mm256_cvtepu8_epi16(_mm_unpacklo_epi8(va, vb)));
        const PairSums ab1 = pairSums(_mm256_cvtepu8_epi16(_mm_unpackhi_epi8(va, vb)));
        const PairSums cd0 = pairSums(_mm256_cvtepu8_epi16(_mm_unpacklo_epi8(vc, vd)));
        const PairSums cd1 = pairSums(_mm256_cvtepu8_epi16(_mm_unpackhi_epi8(vc, vd)));
        addTo(sum + i, _mm256_add_epi32(ab0.sum, cd0.sum));
        addTo(sum + i + 8, _mm256_add_epi32(ab1.sum, cd1.sum));
        addTo(sumSq + i, _mm256_add_epi32(ab0.sumSq, cd0.sumSq));
        addTo(sumSq + i + 8, _mm256_add_epi32(ab1.sumSq, cd1.sumSq));
    }
    const std::uint8_t* rest[4] = {a + i, b + i, c + i, d + i};
    addPlain(rest, 4, n - i, sum + i, sumSq + i);
}

void addAvx2(const std::uint8_t* const* images, std::size_t count, std::size_t n, std::uint32_t* sum,
             std::uint32_t* sumSq) {
    std::size_t k = 0;
    for (; k + 4 <= count; k += 4)
        addFours(images + k, n, sum, sumSq);
    for (; k + 2 <= count; k += 2)
        addPairs(images[k], images[k + 1], n, sum, sumSq);
    if (k < count) addPairs(images[k], nullptr, n, sum, sumSq);
}

#endif

} // namespace

void addPixelSums(const std::uint8_t* const* images, std::size_t count, std::size_t n, std::uint32_t* sum,
                  std::uint32_t* sumSq) {
#ifdef NORMLAB_PIXELSUMS_AVX2
    if (cpuHasAvx2()) return addAvx2(images, count, n, sum, sumSq);
#endif
    addPlain(images, count, n, sum, sumSq);
}

} // namespace normlab
