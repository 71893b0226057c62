#include "control_server.hpp"

#include "log.hpp"
#include "unix_socket.hpp"

#include <poll.h>
#include <signal.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <list>
#include <stdexcept>

namespace scannedonlyd {

namespace {

using Clock = std::chrono::steady_clock;
using scannedonly::ControlCommand;
using scannedonly::ParsedCommand;

struct Connection {
    Fd fd;
    std::string received;
    std::string reply;  // with its delimiter; empty until the command is complete
    std::size_t sent = 0;
    std::size_t discarded = 0;
    bool stop_daemon = false;
    bool refused = false;  // over ControlConnections: only told so
    Clock::time_point deadline;
};

std::string error_reply(const ParsedCommand& parsed) {
    switch (parsed.status) {
    case ParsedCommand::Malformed: return "ERROR malformed command";
    case ParsedCommand::TooLong: return "ERROR command too long";
    default: return "UNKNOWN COMMAND " + parsed.name;
    }
}

// Reads what is there; false when the connection is finished (EOF, error).
bool read_some(Connection& c) {
    char buffer[512];
    const ssize_t n = recv(c.fd.get(), buffer, sizeof buffer, MSG_DONTWAIT);
    if (n < 0) return errno == EAGAIN || errno == EINTR;
    if (n == 0) return false;
    c.received.append(buffer, static_cast<std::size_t>(n));
    return true;
}

// False when the client went away. Once the reply is all sent, the
// connection is shut for writing.
bool write_some(Connection& c) {
    const ssize_t n = send(c.fd.get(), c.reply.data() + c.sent, c.reply.size() - c.sent,
                           MSG_DONTWAIT | MSG_NOSIGNAL);
    if (n < 0) return errno == EAGAIN || errno == EINTR;
    c.sent += static_cast<std::size_t>(n);
    if (c.sent == c.reply.size()) shutdown(c.fd.get(), SHUT_WR);
    return true;
}

// After the reply, what the client still sends (the rest of an oversized
// command) is read and dropped until it closes: closing a socket with
// unread data would reset it, and the client might lose the reply.
// False when it is time to close.
bool discard_some(Connection& c) {
    constexpr std::size_t kMaxDiscarded = 1 << 20;
    char buffer[4096];
    const ssize_t n = recv(c.fd.get(), buffer, sizeof buffer, MSG_DONTWAIT);
    if (n < 0) return errno == EAGAIN || errno == EINTR;
    c.discarded += static_cast<std::size_t>(n);
    return n > 0 && c.discarded < kMaxDiscarded;
}

}  // namespace

Fd open_control_socket(const std::string& path, gid_t group) {
    Fd fd = bind_unix_socket(path, SOCK_STREAM, 0660);
    // lchown: the path is ours (just bound) but never follow a link as root.
    if (lchown(path.c_str(), 0, group) != 0 && geteuid() == 0)
        throw std::runtime_error("chown " + path + ": " + strerror(errno));
    if (listen(fd.get(), SOMAXCONN) != 0) throw std::runtime_error("listen " + path + ": " + strerror(errno));
    return fd;
}

ControlServer::ControlServer(Fd listening, unsigned max_connections,
                             std::chrono::milliseconds timeout, ControlHandlers handlers)
    : listening_(std::move(listening)), stop_(eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)),
      max_connections_(max_connections), timeout_(timeout), handlers_(std::move(handlers)) {
    if (!stop_) throw std::runtime_error(std::string("eventfd: ") + strerror(errno));
    thread_ = std::thread([this] { run(); });
}

ControlServer::~ControlServer() {
    const std::uint64_t one = 1;
    [[maybe_unused]] ssize_t n = write(stop_.get(), &one, sizeof one);
    thread_.join();
}

void ControlServer::run() {
    std::list<Connection> connections;
    auto next_tick = Clock::now();
    for (;;) {
        const auto now = Clock::now();
        if (now >= next_tick) {
            handlers_.tick();
            next_tick = now + std::chrono::seconds(1);
        }
        // Dropped: no complete command within the timeout of connecting, or
        // no part of the reply taken within the timeout.
        connections.remove_if([now](const Connection& c) { return now >= c.deadline; });
        auto wake = next_tick;
        std::vector<pollfd> fds{{stop_.get(), POLLIN, 0}, {listening_.get(), POLLIN, 0}};
        for (const Connection& c : connections) {
            const bool sending = !c.reply.empty() && c.sent < c.reply.size();
            fds.push_back({c.fd.get(), static_cast<short>(sending ? POLLOUT : POLLIN), 0});
            wake = std::min(wake, c.deadline);
        }
        const auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(wake - now);
        if (poll(fds.data(), fds.size(), static_cast<int>(std::max<long long>(wait.count(), 0) + 1)) < 0)
            continue;
        if (fds[0].revents) return;
        if (fds[1].revents & POLLIN) {
            for (;;) {
                Fd client(accept4(listening_.get(), nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC));
                if (!client) break;
                const auto refused = static_cast<std::size_t>(std::count_if(
                    connections.begin(), connections.end(), [](const Connection& c) { return c.refused; }));
                Connection c{std::move(client), {}, {}, 0, 0, false, false, Clock::now() + timeout_};
                if (connections.size() - refused >= max_connections_) {
                    log(LOG_WARNING, "control socket: too many connections, one refused");
                    // Told so, as a reply, unless even the refusals are too many.
                    if (refused >= max_connections_) continue;
                    c.reply = "ERROR too many connections\n";
                    c.refused = true;
                }
                connections.push_back(std::move(c));
            }
        }
        std::size_t i = 2;
        for (auto it = connections.begin(); it != connections.end(); ++i) {
            Connection& c = *it;
            bool open = true;
            // Connections accepted just now were not polled yet.
            const short revents = i < fds.size() ? fds[i].revents : 0;
            if (revents & (POLLIN | POLLHUP | POLLERR) && c.reply.empty()) {
                open = read_some(c);
                const ParsedCommand parsed = scannedonly::parse_control_command(c.received);
                if (parsed.status != ParsedCommand::Incomplete) {
                    ControlReply reply;
                    if (parsed.status == ParsedCommand::Complete &&
                        parsed.command != ControlCommand::Unknown) {
                        log(LOG_INFO, "control: " + parsed.name);
                        reply = handlers_.command(parsed.command);
                    } else {
                        reply.text = error_reply(parsed);
                        log(LOG_INFO, "control: " + reply.text);
                    }
                    c.reply = reply.text + parsed.delimiter;
                    c.stop_daemon = reply.stop_daemon;
                    c.deadline = Clock::now() + timeout_;
                    open = true;  // a client may half-close after its command
                }
            }
            const bool was_sending = c.sent < c.reply.size();
            if (!c.reply.empty() && was_sending &&
                (revents & (POLLOUT | POLLERR | POLLHUP) || c.sent == 0)) {
                open = write_some(c);
                c.deadline = Clock::now() + timeout_;
                if (c.sent == c.reply.size() && c.stop_daemon) kill(getpid(), SIGTERM);
            } else if (!c.reply.empty() && !was_sending && revents) {
                open = discard_some(c);
            }
            it = open ? std::next(it) : connections.erase(it);
        }
    }
}

}  // namespace scannedonlyd
