#include "core/download/httptransfer.h"

#include <cstdio>
#include <memory>
#include <mutex>

#include <curl/curl.h>

#include "core/common/digest.h"

namespace normlab {
namespace {

// A transfer that receives less than this many bytes per second for the stall time is aborted.
constexpr long kStallBytesPerSecond = 1;

struct Sink {
    std::FILE* file = nullptr;
    Digest md5{Digest::Algorithm::Md5};
    std::uint64_t bytes = 0;
    bool writeFailed = false;
    const HttpTransfer* transfer = nullptr;
};

std::size_t onData(char* data, std::size_t size, std::size_t count, void* user) {
    auto* sink = static_cast<Sink*>(user);
    const std::size_t n = size * count;
    if (std::fwrite(data, 1, n, sink->file) != n) {
        sink->writeFailed = true;
        return 0; // makes curl stop with CURLE_WRITE_ERROR
    }
    sink->md5.update(data, n);
    sink->bytes += n;
    return n;
}

// Called by libcurl several times a second, also while waiting: the place to honour a stop.
int onProgress(void* user, curl_off_t total, curl_off_t done, curl_off_t, curl_off_t) {
    auto* sink = static_cast<Sink*>(user);
    if (sink->transfer->stop.stop_requested()) return 1;
    if (sink->transfer->onProgress)
        sink->transfer->onProgress(static_cast<std::uint64_t>(done), static_cast<std::uint64_t>(total));
    return 0;
}

void initCurlOnce() {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

} // namespace

HttpResult httpGetToFile(const HttpTransfer& transfer, const std::filesystem::path& destination) {
    initCurlOnce();
    HttpResult result;
    Sink sink;
    sink.transfer = &transfer;
    sink.file = std::fopen(destination.c_str(), "wb");
    if (!sink.file) {
        result.error = "cannot write " + destination.string();
        return result;
    }
    std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), &curl_easy_cleanup);
    char errorText[CURL_ERROR_SIZE] = {};
    curl_easy_setopt(curl.get(), CURLOPT_URL, transfer.url.c_str());
    curl_easy_setopt(curl.get(), CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(curl.get(), CURLOPT_MAXREDIRS, 5L);
    curl_easy_setopt(curl.get(), CURLOPT_FAILONERROR, 1L);
    curl_easy_setopt(curl.get(), CURLOPT_CONNECTTIMEOUT, transfer.connectTimeoutSeconds);
    curl_easy_setopt(curl.get(), CURLOPT_LOW_SPEED_LIMIT, kStallBytesPerSecond);
    curl_easy_setopt(curl.get(), CURLOPT_LOW_SPEED_TIME, transfer.stallTimeoutSeconds);
    curl_easy_setopt(curl.get(), CURLOPT_NOSIGNAL, 1L); // safe with threads (the GUI downloads on one)
    curl_easy_setopt(curl.get(), CURLOPT_USERAGENT, "NormLab/0.1 (+libcurl)");
    curl_easy_setopt(curl.get(), CURLOPT_ERRORBUFFER, errorText);
    curl_easy_setopt(curl.get(), CURLOPT_WRITEFUNCTION, &onData);
    curl_easy_setopt(curl.get(), CURLOPT_WRITEDATA, &sink);
    curl_easy_setopt(curl.get(), CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(curl.get(), CURLOPT_XFERINFOFUNCTION, &onProgress);
    curl_easy_setopt(curl.get(), CURLOPT_XFERINFODATA, &sink);
    const CURLcode rc = curl_easy_perform(curl.get());
    const bool closed = std::fclose(sink.file) == 0;
    result.bytes = sink.bytes;
    if (rc == CURLE_ABORTED_BY_CALLBACK) {
        result.cancelled = true;
        result.error = "cancelled";
    } else if (rc == CURLE_HTTP_RETURNED_ERROR) {
        long status = 0;
        curl_easy_getinfo(curl.get(), CURLINFO_RESPONSE_CODE, &status);
        result.error = "HTTP " + std::to_string(status);
    } else if (rc == CURLE_OPERATION_TIMEDOUT) {
        result.error = "timed out (" + std::string(errorText[0] ? errorText : curl_easy_strerror(rc)) + ")";
    } else if (rc != CURLE_OK || sink.writeFailed || !closed) {
        result.error = sink.writeFailed || !closed ? "cannot write " + destination.string()
                                                   : std::string(errorText[0] ? errorText : curl_easy_strerror(rc));
    } else {
        result.ok = true;
        result.md5 = sink.md5.hexFinal();
    }
    return result;
}

} // namespace normlab
