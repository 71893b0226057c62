// The control socket's commands in clamd's framing: "zCOMMAND\0" or
// "nCOMMAND\n". A reply ends with the delimiter its command used.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace scannedonly {

enum class ControlCommand { Ping, Version, Stats, Reload, Shutdown, Unknown };

// Longer than any command; a client sending more without a delimiter is
// cut off rather than buffered.
inline constexpr std::size_t kMaxControlCommand = 256;

struct ParsedCommand {
    enum Status {
        Incomplete,  // no delimiter yet: read more
        Complete,
        Malformed,  // neither 'z' nor 'n' first, or a control byte in the name
        TooLong,    // kMaxControlCommand bytes without a delimiter
    } status = Incomplete;
    ControlCommand command = ControlCommand::Unknown;
    std::string name;      // as sent (printable), for the error reply
    char delimiter = '\n';  // what the reply ends with
};

// Looks at what a client has sent so far (only its first command counts:
// one command per connection, as clamd without IDSESSION).
ParsedCommand parse_control_command(std::string_view received);

// "zNAME\0", what scannedonlyctl sends.
std::string frame_control_command(std::string_view name);

}  // namespace scannedonly
