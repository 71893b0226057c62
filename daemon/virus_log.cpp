#include "virus_log.hpp"

#include "log.hpp"

#include "scannedonly/paths.hpp"
#include "scannedonly/virus_log_line.hpp"

#include <fcntl.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace scannedonlyd {

VirusLog::VirusLog(std::string path) : path_(std::move(path)), fd_(open_file()) {
    if (!fd_) throw std::runtime_error("cannot open virus log " + path_ + ": " + strerror(errno));
}

Fd VirusLog::open_file() const {
    const std::string dir(scannedonly::split_last(path_).dir);
    if (!dir.empty()) mkdir(dir.c_str(), 0750);  // one level, like /var/log/scannedonly
    return Fd(open(path_.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0640));
}

void VirusLog::reopen() {
    Fd fresh = open_file();
    std::lock_guard lock(mutex_);
    if (fresh) fd_ = std::move(fresh);
}

void VirusLog::record(std::time_t when, const std::string& path, const std::string& virus,
                      const std::string& action, const std::string& destination) {
    const std::string line = scannedonly::virus_log_line(when, path, virus, action, destination);
    std::lock_guard lock(mutex_);
    if (write(fd_.get(), line.data(), line.size()) != static_cast<ssize_t>(line.size()))
        log(LOG_ERR, "cannot append to the virus log " + path_ + ": " + strerror(errno));
}

}  // namespace scannedonlyd
