#include "scannedonly/scan_windows.hpp"

#include <algorithm>
#include <array>

namespace scannedonly {

std::vector<ScanWindow> scan_windows(std::uint64_t size, std::uint64_t window) {
    std::vector<ScanWindow> windows;
    const std::uint64_t step = window - kScanWindowOverlap;
    for (std::uint64_t offset = 0;; offset += step) {
        const std::uint64_t length = std::min(window, size - offset);
        windows.push_back({offset, length});
        if (offset + length >= size) return windows;
    }
}

bool windows_see_whole(std::string_view top_type) {
    // What libclamav calls data it has no parser for, text, disk images and
    // the archive formats that store their members uncompressed, in one piece.
    static constexpr std::array<std::string_view, 12> kStoredAsItLies = {
        "",
        "CL_TYPE_BINARY_DATA",
        "CL_TYPE_TEXT_ASCII",
        "CL_TYPE_TEXT_UTF8",
        "CL_TYPE_TEXT_UTF16LE",
        "CL_TYPE_TEXT_UTF16BE",
        "CL_TYPE_POSIX_TAR",
        "CL_TYPE_OLD_TAR",
        "CL_TYPE_ISO9660",
        "CL_TYPE_MBR",
        "CL_TYPE_GPT",
        "CL_TYPE_APM",
    };
    return std::find(kStoredAsItLies.begin(), kStoredAsItLies.end(), top_type) !=
           kStoredAsItLies.end();
}

}  // namespace scannedonly
