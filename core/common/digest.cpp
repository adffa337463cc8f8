#include "core/common/digest.h"

#include <openssl/evp.h>

#include "core/common/error.h"

namespace normlab {

struct Digest::State {
    EVP_MD_CTX* ctx = nullptr;
};

Digest::Digest(Algorithm algorithm) : m_state(std::make_unique<State>()) {
    m_state->ctx = EVP_MD_CTX_new();
    const EVP_MD* md = algorithm == Algorithm::Md5 ? EVP_md5() : EVP_sha256();
    if (!m_state->ctx || EVP_DigestInit_ex(m_state->ctx, md, nullptr) != 1)
        throw Error("cannot initialise a message digest (OpenSSL)");
}

Digest::~Digest() {
    EVP_MD_CTX_free(m_state->ctx);
}

void Digest::update(const void* data, std::size_t size) {
    EVP_DigestUpdate(m_state->ctx, data, size);
}

std::string Digest::hexFinal() {
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    EVP_DigestFinal_ex(m_state->ctx, out, &length);
    static const char* digits = "0123456789abcdef";
    std::string hex;
    for (unsigned int i = 0; i < length; ++i) {
        hex.push_back(digits[out[i] >> 4]);
        hex.push_back(digits[out[i] & 15]);
    }
    return hex;
}

std::string sha256Hex(std::span<const std::uint8_t> bytes) {
    Digest d(Digest::Algorithm::Sha256);
    d.update(bytes.data(), bytes.size());
    return d.hexFinal();
}

std::string md5Hex(std::span<const std::uint8_t> bytes) {
    Digest d(Digest::Algorithm::Md5);
    d.update(bytes.data(), bytes.size());
    return d.hexFinal();
}

} // namespace normlab
