// How a file is cut into the pieces libclamav scans, one at a time.
//
// Why windows: libclamav 1.4 scans a descriptor through a map that keeps
// about a fifth of what it has read (218 MiB for 1 GiB, 632 MiB for 3 GiB,
// measured with cl_fmap_open_handle and cl_scandesc alike), and its size
// check caps MaxFileSize at 2 GiB - 3 bytes. A file larger than the scan
// window is therefore scanned as consecutive windows of at most that size:
// memory stays bounded, and every byte of a file of any size is matched.
// Consecutive windows overlap so that a signature across a boundary is seen
// whole in one of them; what a window cannot see is a container (an archive)
// whose parts lie in different windows, which is why the window is large.
#pragma once

#include <cstdint>
#include <vector>

namespace scannedonly {

struct ScanWindow {
    std::uint64_t offset;
    std::uint64_t length;
};

// A body signature longer than this, or with wildcards spanning more, may
// go unseen where it crosses a window boundary (real ones are far shorter).
inline constexpr std::uint64_t kScanWindowOverlap = 1ULL << 20;

// The windows covering [0, size): one for a file no larger than `window`,
// else windows of `window` bytes, each starting kScanWindowOverlap before
// the end of the previous one. Requires window > kScanWindowOverlap.
std::vector<ScanWindow> scan_windows(std::uint64_t size, std::uint64_t window);

}  // namespace scannedonly
