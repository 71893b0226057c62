// The tab-separated virus log for post-processing: one line per infected
// file (scannedonly/virus_log_line.hpp).
#pragma once

#include "scannedonly/fd.hpp"

#include <ctime>
#include <mutex>
#include <string>

namespace scannedonlyd {

using scannedonly::Fd;

class VirusLog {
public:
    // Opens (creating it and its directory) for appending; throws
    // std::runtime_error when that fails.
    explicit VirusLog(std::string path);
    // After SIGHUP, so logrotate can move the file away.
    void reopen();
    void record(std::time_t when, const std::string& path, const std::string& virus,
                const std::string& action, const std::string& destination);

private:
    Fd open_file() const;
    std::string path_;
    std::mutex mutex_;
    Fd fd_;
};

}  // namespace scannedonlyd
