#pragma once

namespace normlab {

// Whether this CPU runs AVX2 code. The few loops that have an AVX2 version choose it at run time
// with this, so the binary still runs on any x86-64. A plain check rather than GCC's target_clones:
// their ifunc resolvers run while the program is being loaded, before ThreadSanitizer's runtime is
// up, and crash the sanitized tests.
inline bool cpuHasAvx2() {
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
    static const bool has = __builtin_cpu_supports("avx2");
    return has;
#else
    return false;
#endif
}

// Whether this CPU has SSSE3's byte shuffles (every x86-64 CPU of the last fifteen years).
inline bool cpuHasSsse3() {
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
    static const bool has = __builtin_cpu_supports("ssse3");
    return has;
#else
    return false;
#endif
}

} // namespace normlab
