#include "tests/support/zipfiles.h"

#include <archive.h>
#include <archive_entry.h>

namespace normlab::test {

std::vector<std::uint8_t> zipBytes(const std::vector<std::pair<std::string, std::vector<std::uint8_t>>>& entries,
                                   bool deflate) {
    std::vector<std::uint8_t> buffer(std::size_t{1} << 20);
    std::size_t used = 0;
    archive* a = archive_write_new();
    archive_write_set_format_zip(a);
    archive_write_set_options(a, deflate ? "zip:compression=deflate" : "zip:compression=store");
    archive_write_open_memory(a, buffer.data(), buffer.size(), &used);
    for (const auto& [name, bytes] : entries) {
        archive_entry* entry = archive_entry_new();
        archive_entry_set_pathname(entry, name.c_str());
        archive_entry_set_size(entry, static_cast<la_int64_t>(bytes.size()));
        archive_entry_set_filetype(entry, AE_IFREG);
        archive_entry_set_perm(entry, 0644);
        archive_write_header(a, entry);
        archive_write_data(a, bytes.data(), bytes.size());
        archive_entry_free(entry);
    }
    archive_write_close(a);
    archive_write_free(a);
    buffer.resize(used);
    return buffer;
}

} // namespace normlab::test
