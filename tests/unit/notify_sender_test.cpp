#include "scannedonly/notify_sender.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <gtest/gtest.h>
#include <string>
#include <thread>

using namespace scannedonly;
using namespace std::chrono_literals;

namespace {
struct UnixServer {
    std::string path;
    int fd = -1;
    explicit UnixServer(std::string p) : path(std::move(p)) {
        ::unlink(path.c_str());
        fd = ::socket(AF_UNIX, SOCK_DGRAM, 0);
        sockaddr_un a{};
        a.sun_family = AF_UNIX;
        std::strcpy(a.sun_path, path.c_str());
        EXPECT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof(a)), 0);
    }
    std::string receive() {
        char buf[4096];
        ssize_t n = ::recv(fd, buf, sizeof(buf), MSG_DONTWAIT);
        return n < 0 ? std::string() : std::string(buf, static_cast<size_t>(n));
    }
    ~UnixServer() {
        ::close(fd);
        ::unlink(path.c_str());
    }
};

std::string temp_socket_path() {
    char dir[] = "/tmp/notify-test-XXXXXX";
    EXPECT_NE(::mkdtemp(dir), nullptr);
    return std::string(dir) + "/scan";
}
}  // namespace

TEST(NotifySender, FailsWithoutBlockingWhenNoDaemonThenReconnects) {
    const std::string path = temp_socket_path();
    auto sender = NotifySender::unix_socket(path);
    EXPECT_NE(sender.send("/a\n"), 0);
    UnixServer server(path);
    EXPECT_EQ(sender.send("/b\n"), 0);
    EXPECT_EQ(server.receive(), "/b\n");
}

TEST(NotifySender, ReconnectsAfterTheDaemonRestarts) {
    const std::string path = temp_socket_path();
    auto sender = NotifySender::unix_socket(path);
    {
        UnixServer first(path);
        EXPECT_EQ(sender.send("/one\n"), 0);
    }
    EXPECT_NE(sender.send("/lost\n"), 0);
    UnixServer second(path);
    EXPECT_EQ(sender.send("/two\n"), 0);
    EXPECT_EQ(second.receive(), "/two\n");
}

TEST(NotifySender, UdpToLoopback) {
    int fd = ::socket(AF_INET, SOCK_DGRAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof(a)), 0);
    socklen_t len = sizeof(a);
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
    auto sender = NotifySender::udp("127.0.0.1", ntohs(a.sin_port));
    EXPECT_EQ(sender.send("/u\n"), 0);
    char buf[16];
    EXPECT_EQ(::recv(fd, buf, sizeof(buf), 0), 3);
    EXPECT_EQ(sender.describe(), "udp 127.0.0.1:" + std::to_string(ntohs(a.sin_port)));
    ::close(fd);
}

TEST(NotifySender, ConnectSaysAtOnceWhenNoDaemonListens) {
    auto sender = NotifySender::unix_socket(temp_socket_path());
    EXPECT_EQ(sender.connect(), ENOENT);
}

TEST(NotifySender, ABriefWaitLetsAReadingDaemonCatchUpButNotAStuckOne) {
    const std::string path = temp_socket_path();
    UnixServer server(path);
    auto sender = NotifySender::unix_socket(path);
    sender.wait_briefly_when_full(200ms);
    int sent = 0;
    auto start = std::chrono::steady_clock::now();
    while (sender.send("x") == 0) ++sent;  // fills the queue, then waits once in vain
    EXPECT_GE(std::chrono::steady_clock::now() - start, 150ms);
    start = std::chrono::steady_clock::now();
    EXPECT_EQ(sender.send("x"), EAGAIN);  // a stuck daemon: no second wait
    EXPECT_LT(std::chrono::steady_clock::now() - start, 100ms);
    for (int i = 0; i < sent; ++i) EXPECT_EQ(server.receive(), "x");
    std::this_thread::sleep_for(1100ms);  // the pause after a vain wait ends
    for (int i = 0; i < sent; ++i) ASSERT_EQ(sender.send("x"), 0);  // full again
    std::thread reader([&] {
        std::this_thread::sleep_for(20ms);
        server.receive();
    });
    start = std::chrono::steady_clock::now();
    EXPECT_EQ(sender.send("y"), 0);  // room came within the wait
    EXPECT_LT(std::chrono::steady_clock::now() - start, 150ms);
    reader.join();
}

TEST(NotifySender, WaitsForAFullDaemonUpToItsTimeoutWhenAsked) {
    const std::string path = temp_socket_path();
    UnixServer server(path);
    auto sender = NotifySender::unix_socket(path);
    sender.wait_when_full(1s);
    const std::string datagram(4000, 'x');
    const auto start = std::chrono::steady_clock::now();
    int err = 0;
    while (err == 0) err = sender.send(datagram);
    EXPECT_EQ(err, EAGAIN);
    EXPECT_GE(std::chrono::steady_clock::now() - start, 900ms);
}
