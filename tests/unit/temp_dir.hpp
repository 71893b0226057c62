// A fresh directory for one test, removed with everything in it.
#pragma once

#include "scannedonly/fd.hpp"

#include <fcntl.h>

#include <cstdlib>
#include <filesystem>
#include <string>

class TempDir {
public:
    TempDir() {
        std::string pattern = (std::filesystem::temp_directory_path() / "scannedonly-unit-XXXXXX");
        path_ = ::mkdtemp(pattern.data()) ? pattern : "";
        fd_ = scannedonly::Fd(::open(path_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    }
    ~TempDir() { std::filesystem::remove_all(path_); }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const std::string& path() const { return path_; }
    int fd() const { return fd_.get(); }
    std::string operator/(const std::string& name) const { return path_ + "/" + name; }

private:
    std::string path_;
    scannedonly::Fd fd_;
};
