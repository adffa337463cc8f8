#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <stop_token>
#include <string>

namespace normlab {

// One HTTP(S) GET into a file through libcurl, hashing the body with MD5 as it arrives.
// Proxies and TLS come from libcurl and the platform (http_proxy, https_proxy, no_proxy…).
struct HttpTransfer {
    std::string url;
    long connectTimeoutSeconds = 15;
    long stallTimeoutSeconds = 30;
    std::function<void(std::uint64_t done, std::uint64_t total)> onProgress;
    std::stop_token stop;
};

struct HttpResult {
    bool ok = false;
    bool cancelled = false;
    std::string error; // why it failed, e.g. "HTTP 404" or "connection refused"
    std::uint64_t bytes = 0;
    std::string md5;
};

// Writes the body to `destination` (created or truncated). Never throws for network problems.
HttpResult httpGetToFile(const HttpTransfer& transfer, const std::filesystem::path& destination);

} // namespace normlab
