#include "scannedonly/control_command.hpp"

#include "scannedonly/printable.hpp"

#include <algorithm>

namespace scannedonly {

namespace {

struct Known {
    std::string_view name;
    ControlCommand command;
};

constexpr Known kCommands[] = {
    {"PING", ControlCommand::Ping},       {"VERSION", ControlCommand::Version},
    {"STATS", ControlCommand::Stats},     {"RELOAD", ControlCommand::Reload},
    {"SHUTDOWN", ControlCommand::Shutdown},
};

bool control_byte(char c) {
    const auto u = static_cast<unsigned char>(c);
    return u < 0x20 || u == 0x7f;
}

}  // namespace

ParsedCommand parse_control_command(std::string_view received) {
    ParsedCommand parsed;
    if (received.empty()) return parsed;
    if (received.front() != 'z' && received.front() != 'n') {
        parsed.status = ParsedCommand::Malformed;
        return parsed;
    }
    parsed.delimiter = received.front() == 'z' ? '\0' : '\n';
    const std::size_t end = received.find(parsed.delimiter, 1);
    if (end == std::string_view::npos) {
        if (received.size() >= kMaxControlCommand) parsed.status = ParsedCommand::TooLong;
        return parsed;
    }
    const std::string_view name = received.substr(1, end - 1);
    parsed.name = printable(name, 64);
    if (name.empty() || end >= kMaxControlCommand ||
        std::any_of(name.begin(), name.end(), control_byte)) {
        parsed.status = end >= kMaxControlCommand ? ParsedCommand::TooLong : ParsedCommand::Malformed;
        return parsed;
    }
    parsed.status = ParsedCommand::Complete;
    for (const Known& k : kCommands)
        if (name == k.name) parsed.command = k.command;
    return parsed;
}

std::string frame_control_command(std::string_view name) {
    std::string framed = "z";
    framed += name;
    framed += '\0';
    return framed;
}

}  // namespace scannedonly
