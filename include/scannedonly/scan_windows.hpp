// How a file is cut into the pieces libclamav scans, one at a time.
//
// Why windows: a file is scanned from a copy in memory (file_image.hpp),
// libclamav 1.4 caps MaxFileSize at 2 GiB - 3 bytes, and its own map of a
// descriptor is no way out: it keeps about a fifth of what it has read (632
// MiB for a 3 GiB file, measured with cl_scandesc and cl_fmap_open_handle
// alike), and its page faults made small-file scans on the other threads
// three times slower at p99. So a file larger than the scan window is
// scanned as consecutive windows of at most that size: memory stays
// bounded, and every byte of a file of any size is matched. Consecutive
// windows overlap so that a signature across a boundary is seen whole in
// one of them.
//
// What windows cannot do is unpack a compressed container (zip, gzip, ...)
// whose parts lie in different windows: such a file is reported as not
// scanned completely, which ExceedsMaxAction decides (fail closed by
// default). Stored data (disk images, videos, tar and ISO 9660 archives)
// is matched as it lies, and libclamav still finds archives and
// executables embedded in a window.
#pragma once

#include <cstdint>
#include <string_view>
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

// Whether windows see all of a file whose first window libclamav typed as
// `top_type` ("CL_TYPE_ZIP"; empty when it typed nothing, as for random
// data): true for data stored as it lies, false for compressed containers.
bool windows_see_whole(std::string_view top_type);

}  // namespace scannedonly
