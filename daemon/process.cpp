#include "process.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <stdexcept>

namespace scannedonlyd {

namespace {
[[noreturn]] void fail(const std::string& what) {
    throw std::runtime_error(what + ": " + strerror(errno));
}
}  // namespace

void daemonize() {
    const pid_t pid = fork();
    if (pid < 0) fail("fork");
    if (pid > 0) _exit(0);
    if (setsid() < 0) fail("setsid");
    if (chdir("/") != 0) fail("chdir /");
    const int null = open("/dev/null", O_RDWR);
    if (null < 0) fail("/dev/null");
    for (int fd : {STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO}) dup2(null, fd);
    if (null > STDERR_FILENO) close(null);
}

PidFile::PidFile(std::string path) : path_(std::move(path)) {
    Fd fd(open(path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0644));
    if (!fd) fail("cannot write pid file " + path_);
    const std::string text = std::to_string(getpid()) + "\n";
    if (write(fd.get(), text.data(), text.size()) != static_cast<ssize_t>(text.size()))
        fail("cannot write pid file " + path_);
}

PidFile::~PidFile() { unlink(path_.c_str()); }

Fd block_signals() {
    signal(SIGPIPE, SIG_IGN);
    sigset_t set;
    sigemptyset(&set);
    for (int s : {SIGTERM, SIGINT, SIGQUIT, SIGHUP, SIGUSR1, SIGUSR2, SIGALRM}) sigaddset(&set, s);
    if (pthread_sigmask(SIG_BLOCK, &set, nullptr) != 0) fail("pthread_sigmask");
    Fd fd(signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC));
    if (!fd) fail("signalfd");
    return fd;
}

}  // namespace scannedonlyd
