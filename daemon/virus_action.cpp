#include "virus_action.hpp"

#include "log.hpp"
#include "scannedonly/virus_log_line.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

#include <cstring>

namespace scannedonlyd {

namespace {

using Clock = std::chrono::steady_clock;

// Infections beyond this many waiting get no command: an outbreak must not
// pile up processes or memory.
constexpr std::size_t kMaxWaiting = 1000;

std::vector<std::string> environment_of(const Infection& i) {
    return {"PATH=/usr/sbin:/usr/bin:/sbin:/bin",
            "SCANNEDONLY_PATH=" + i.path,
            "SCANNEDONLY_VIRUS=" + i.virus,
            "SCANNEDONLY_ACTION=" + i.action,
            "SCANNEDONLY_DESTINATION=" + i.destination,
            "SCANNEDONLY_TIME=" + scannedonly::iso_time(i.when),
            // clamd's VirusEvent names, so its scripts work unchanged.
            "CLAM_VIRUSEVENT_FILENAME=" + i.path,
            "CLAM_VIRUSEVENT_VIRUSNAME=" + i.virus};
}

std::vector<char*> pointers(std::vector<std::string>& strings) {
    std::vector<char*> out;
    for (std::string& s : strings) out.push_back(s.data());
    out.push_back(nullptr);
    return out;
}

std::string exit_text(int status) {
    if (WIFEXITED(status)) return "exited with status " + std::to_string(WEXITSTATUS(status));
    if (WIFSIGNALED(status)) return std::string("killed by ") + strsignal(WTERMSIG(status));
    return "ended";
}

// The child gets no blocked signals (the daemon blocks its own for its
// signalfd) and default handling of SIGPIPE, its own process group (so a
// timeout kills what it started too), and /dev/null as standard input.
struct SpawnSetup {
    posix_spawnattr_t attr;
    posix_spawn_file_actions_t files;
    SpawnSetup() {
        posix_spawnattr_init(&attr);
        sigset_t none, defaults;
        sigemptyset(&none);
        sigemptyset(&defaults);
        sigaddset(&defaults, SIGPIPE);
        posix_spawnattr_setsigmask(&attr, &none);
        posix_spawnattr_setsigdefault(&attr, &defaults);
        posix_spawnattr_setpgroup(&attr, 0);
        posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF |
                                            POSIX_SPAWN_SETPGROUP);
        posix_spawn_file_actions_init(&files);
        posix_spawn_file_actions_addopen(&files, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    }
    ~SpawnSetup() {
        posix_spawn_file_actions_destroy(&files);
        posix_spawnattr_destroy(&attr);
    }
};

}  // namespace

VirusActions::VirusActions(std::vector<std::string> argv, unsigned max_running,
                           std::chrono::milliseconds timeout)
    : argv_(std::move(argv)), max_running_(max_running), timeout_(timeout) {
    if (!argv_.empty()) thread_ = std::thread([this] { run(); });
}

void VirusActions::reconfigure(std::vector<std::string> argv, unsigned max_running,
                               std::chrono::milliseconds timeout) {
    {
        std::lock_guard lock(mutex_);
        argv_ = std::move(argv);
        max_running_ = max_running;
        timeout_ = timeout;
        if (argv_.empty() || thread_.joinable()) return;
    }
    thread_ = std::thread([this] { run(); });
}

VirusActions::~VirusActions() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
}

void VirusActions::notify(Infection infection) {
    {
        std::lock_guard lock(mutex_);
        if (argv_.empty()) return;
        if (waiting_.size() >= kMaxWaiting) {
            log(LOG_ERR, "VirusAction not run for " + loggable(infection.path) + ": " +
                             std::to_string(kMaxWaiting) + " infections already waiting for it");
            return;
        }
        waiting_.push_back(std::move(infection));
    }
    wake_.notify_all();
}

void VirusActions::run() {
    std::unique_lock lock(mutex_);
    for (;;) {
        while (!stopping_ && !waiting_.empty() && running_.size() < max_running_) {
            Infection next = std::move(waiting_.front());
            waiting_.pop_front();
            if (argv_.empty()) continue;  // turned off by a reload
            Command command{argv_, timeout_};
            lock.unlock();
            start(command, next);
            lock.lock();
        }
        if (stopping_ && !waiting_.empty()) {
            log(LOG_WARNING, "stopping: VirusAction not run for " +
                                 std::to_string(waiting_.size()) + " infections");
            waiting_.clear();
        }
        if (stopping_ && running_.empty()) return;
        // Children are polled: a SIGCHLD would need a handler in every
        // thread's mask, and a tenth of a second is soon enough.
        wake_.wait_for(lock, running_.empty() ? std::chrono::milliseconds(1000)
                                              : std::chrono::milliseconds(100));
        lock.unlock();
        reap();
        lock.lock();
    }
}

void VirusActions::start(Command command, const Infection& infection) {
    static SpawnSetup setup;
    std::vector<std::string> env = environment_of(infection);
    std::vector<char*> argp = pointers(command.argv), envp = pointers(env);
    pid_t pid = 0;
    const std::string program = command.argv.front();
    const int error = posix_spawn(&pid, program.c_str(), &setup.files, &setup.attr,
                                  argp.data(), envp.data());
    if (error != 0) {
        log(LOG_ERR, "VirusAction " + program + " for " + loggable(infection.path) +
                         " could not start: " + strerror(error));
        return;
    }
    running_.push_back({pid, Clock::now() + command.timeout, command.timeout,
                        loggable(infection.path), program});
}

void VirusActions::reap() {
    const auto now = Clock::now();
    std::erase_if(running_, [&](Running& r) {
        int status = 0;
        if (waitpid(r.pid, &status, WNOHANG) == r.pid) {
            const bool ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
            if (r.killed)
                log(LOG_ERR, "VirusAction " + r.program + " for " + r.path +
                                 " killed: still running after " +
                                 std::to_string(r.timeout.count()) + " ms (VirusActionTimeout)");
            else if (!ok)
                log(LOG_ERR, "VirusAction " + r.program + " for " + r.path + " failed: " +
                                 exit_text(status));
            else
                log(LOG_INFO, "VirusAction " + r.program + " for " + r.path + " done");
            return true;
        }
        if (!r.killed && now >= r.deadline) {
            kill(-r.pid, SIGKILL);
            r.killed = true;
        }
        return false;
    });
}

}  // namespace scannedonlyd
