#include "scannedonly/file_image.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <memory>

namespace scannedonly {

namespace {

// Each scanning thread keeps a buffer this large for its next file, so
// small files cost no allocation; a large file's buffer is freed after its
// scan rather than held while the thread idles.
constexpr std::size_t kKeptCapacity = 8 << 20;

struct ThreadBuffer {
    std::unique_ptr<char[]> bytes;
    std::size_t capacity = 0;
};

thread_local ThreadBuffer buffer;

// Read in steps of this size with the kernel's readahead off. A whole-file
// pread lets the kernel read ahead in requests of up to read_ahead_kb
// (8 MiB on the benchmark machine), and a small file's read waited behind
// them for up to 15 ms while a large file was loaded. Step by step, one
// modest request is in flight at a time; scanning, not reading, is what a
// large file costs.
constexpr std::size_t kStep = 256 << 10;

}  // namespace

FileImage::FileImage(int fd, std::size_t size, std::uint64_t offset) {
    if (buffer.capacity < size) {
        buffer.bytes.reset();
        // Not zeroed: pread's writes are each page's first touch.
        buffer.bytes = std::make_unique_for_overwrite<char[]>(size);
        buffer.capacity = size;
    }
    if (size > kStep) posix_fadvise(fd, 0, 0, POSIX_FADV_RANDOM);  // a hint: failure is harmless
    while (size_ < size) {
        const ssize_t n = pread(fd, buffer.bytes.get() + size_, std::min(kStep, size - size_),
                                static_cast<off_t>(offset + size_));
        if (n < 0) return;
        if (n == 0) break;
        size_ += static_cast<std::size_t>(n);
    }
    ok_ = true;
}

FileImage::~FileImage() {
    if (buffer.capacity > kKeptCapacity) buffer = ThreadBuffer();
}

const char* FileImage::data() const { return buffer.bytes.get(); }

}  // namespace scannedonly
