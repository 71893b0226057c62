// A file, or one window of it (scan_windows.hpp), read into memory for
// libclamav to scan.
//
// Why not let libclamav read the descriptor (cl_scandesc): it maps the file
// into anonymous memory and reads each page before writing it, so every page
// costs a copy-on-write fault whose TLB flush interrupts the process's other
// scanning threads, under a process-wide mutex. While a 32 MiB file was
// scanned that way, small-file scans on the other threads took 1.6 times as
// long in the median and 3 to 4 times at p99; from a buffer filled by pread
// they take no longer than on an idle daemon (docs/performance.md).
#pragma once

#include <cstddef>
#include <cstdint>

namespace scannedonly {

class FileImage {
public:
    // Reads `size` bytes of fd from `offset` into the calling thread's
    // buffer: fewer if the file shrank meanwhile (the scanner's change check
    // then discards the verdict). On a read error, !*this and errno is set.
    FileImage(int fd, std::size_t size, std::uint64_t offset = 0);
    // A buffer grown beyond what small files need goes back to the system.
    ~FileImage();
    FileImage(const FileImage&) = delete;
    FileImage& operator=(const FileImage&) = delete;

    explicit operator bool() const { return ok_; }
    const char* data() const;
    std::size_t size() const { return size_; }

private:
    std::size_t size_ = 0;
    bool ok_ = false;
};

}  // namespace scannedonly
