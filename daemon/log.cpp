#include "log.hpp"

#include "scannedonly/printable.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>

namespace scannedonlyd {

namespace {
bool g_stderr = true;
bool g_journal = false;
std::atomic<int> g_level = 1;  // a reload changes it while threads log

// Under systemd stderr goes to the journal, which reads a "<N>" prefix as
// the line's priority (JOURNAL_STREAM names the stream it gave us).
bool stderr_is_journal() {
    const char* stream = std::getenv("JOURNAL_STREAM");
    struct stat st {};
    if (!stream || fstat(STDERR_FILENO, &st) != 0) return false;
    return std::to_string(st.st_dev) + ":" + std::to_string(st.st_ino) == stream;
}

const char* priority_name(int priority) {
    switch (priority) {
    case LOG_EMERG: case LOG_ALERT: case LOG_CRIT: case LOG_ERR: return "error";
    case LOG_WARNING: return "warning";
    case LOG_NOTICE: return "notice";
    case LOG_INFO: return "info";
    default: return "debug";
    }
}

int max_priority(int level) {
    static constexpr int kByLevel[] = {LOG_WARNING, LOG_NOTICE, LOG_INFO, LOG_DEBUG};
    return kByLevel[level < 0 ? 0 : level > 3 ? 3 : level];
}
}  // namespace

void log_open(bool to_stderr, int level) {
    g_stderr = to_stderr;
    g_journal = to_stderr && stderr_is_journal();
    g_level = level;
    // LOG_PERROR: startup errors also reach the terminal before detaching
    // (afterwards stderr is /dev/null).
    if (!g_stderr) openlog("scannedonlyd", LOG_PID | LOG_NDELAY | LOG_PERROR, LOG_DAEMON);
}

void log_reopen() {
    if (g_stderr) return;
    closelog();
    openlog("scannedonlyd", LOG_PID | LOG_NDELAY | LOG_PERROR, LOG_DAEMON);
}

void log_set_level(int level) { g_level = level; }

bool log_enabled(int priority) { return priority <= max_priority(g_level); }

void log(int priority, std::string_view message) {
    if (!log_enabled(priority)) return;
    if (!g_stderr) {
        syslog(priority, "%.*s", static_cast<int>(message.size()), message.data());
        return;
    }
    // One write per line, so lines from several threads do not interleave.
    std::string line = g_journal ? "<" + std::to_string(priority) + ">" : "scannedonlyd: ";
    line += priority_name(priority);
    line += ": ";
    line += message;
    line += '\n';
    [[maybe_unused]] ssize_t n = write(STDERR_FILENO, line.data(), line.size());
}

std::string loggable(std::string_view text) {
    constexpr std::size_t kMaxBytes = 300;
    return scannedonly::printable(text, kMaxBytes);
}

}  // namespace scannedonlyd
