// One connection to a clamd server, every step under a deadline. Whatever
// goes wrong on the wire throws ClamdError: the caller takes the server
// out and sends the file elsewhere.
#pragma once

#include "scannedonly/clamd_protocol.hpp"
#include "scannedonly/fd.hpp"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace scannedonlyd {

class ClamdError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class ClamdConnection {
public:
    // Connects (a host name is resolved now); each later step may take
    // `timeout`.
    ClamdConnection(const scannedonly::ClamdAddress& address, std::chrono::milliseconds timeout);

    void send(std::string_view bytes);
    // FILDES: clamd scans the descriptor we opened, never a path.
    void send_descriptor(int fd);
    // INSTREAM's chunks of `size` bytes from `fd` (read with pread, the
    // offset untouched) and its end mark. Stops early when the server has
    // already answered (a stream over its StreamMaxLength). Returns why the
    // file could not be read; the file's failure, not the server's.
    std::optional<std::string> stream(int fd, std::uint64_t size);
    void stream(const char* data, std::size_t size);
    // Whether the server has sent something (or closed) already.
    bool readable();
    // One NUL-terminated reply, without the NUL.
    std::string reply();

private:
    void wait_for(short events, const char* what);
    void send_chunk(const char* data, std::uint32_t size);

    scannedonly::Fd fd_;
    std::chrono::milliseconds timeout_;
};

// Sends one command ("zPING", "zVERSION") on a connection of its own and
// returns the reply.
std::string clamd_command(const scannedonly::ClamdAddress& address, std::string_view command,
                          std::chrono::milliseconds timeout);

}  // namespace scannedonlyd
