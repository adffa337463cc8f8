#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>

namespace normlab {

// Incremental message digest (OpenSSL EVP), for hashing downloads as the bytes arrive.
class Digest {
public:
    enum class Algorithm { Md5, Sha256 };
    explicit Digest(Algorithm algorithm);
    ~Digest();
    Digest(const Digest&) = delete;
    Digest& operator=(const Digest&) = delete;

    void update(const void* data, std::size_t size);
    std::string hexFinal(); // lower-case hex; the digest must not be updated afterwards

private:
    struct State;
    std::unique_ptr<State> m_state;
};

std::string sha256Hex(std::span<const std::uint8_t> bytes);
std::string md5Hex(std::span<const std::uint8_t> bytes);

} // namespace normlab
