#include "scannedonly/scan_windows.hpp"

#include <algorithm>

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

}  // namespace scannedonly
