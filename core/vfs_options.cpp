#include "scannedonly/vfs_options.hpp"

#include "scannedonly/units.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

namespace scannedonly {

namespace {

std::optional<unsigned> parse_count(std::string_view text) {
    unsigned value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || value > 100'000)
        return std::nullopt;
    return value;
}

// Collects the first error; every setter is a no-op once one happened.
class Parser {
public:
    explicit Parser(const OptionLookup& lookup) : lookup_(lookup) {}

    void flag(const char* name, bool& out) {
        with(name, [&](const std::string& v) { return assign(parse_bool(v), out); },
             "expected yes or no");
    }
    void count(const char* name, unsigned& out) {
        with(name, [&](const std::string& v) { return assign(parse_count(v), out); },
             "expected a whole number up to 100000");
    }
    void millis(const char* name, std::chrono::milliseconds& out) {
        with(name,
             [&](const std::string& v) {
                 return assign(parse_duration(v, std::chrono::milliseconds(1)), out);
             },
             "expected a duration such as 50 or 50ms (a bare number is milliseconds)");
    }
    // A bare number is KiB, as in the original module.
    void size_kib(const char* name, std::uint64_t& out) {
        with(name, [&](const std::string& v) { return assign(parse_size(v, kKiB), out); },
             "expected a size such as 100 (KiB) or 2M");
    }
    void port(const char* name, std::uint16_t& out) {
        with(name,
             [&](const std::string& v) {
                 auto n = parse_count(v);
                 if (!n || *n == 0 || *n > 65535) return false;
                 out = static_cast<std::uint16_t>(*n);
                 return true;
             },
             "expected a port number 1-65535");
    }
    void text(const char* name, std::string& out, bool (*valid)(std::string_view),
              const char* why) {
        with(name,
             [&](const std::string& v) {
                 if (!valid(v)) return false;
                 out = v;
                 return true;
             },
             why);
    }
    void outdated(const char* name, OutdatedMarkers& out) {
        with(name, [&](const std::string& v) { return assign(parse_outdated_markers(v), out); },
             "expected rescan, wait or ignore");
    }
    void fail(const std::string& message) {
        if (error_.empty()) error_ = message;
    }
    const std::string& error() const { return error_; }

private:
    template <typename T>
    static bool assign(const std::optional<T>& parsed, T& out) {
        if (!parsed) return false;
        out = *parsed;
        return true;
    }

    template <typename Apply>
    void with(const char* name, Apply apply, const char* why) {
        if (!error_.empty()) return;
        auto value = lookup_(name);
        if (!value) return;
        if (!apply(*value)) error_ = std::string("scannedonly:") + name + " = " + *value + ": " + why;
    }

    const OptionLookup& lookup_;
    std::string error_;
};

bool absolute_path(std::string_view v) { return v.size() > 1 && v.front() == '/'; }
bool host_name(std::string_view v) {
    return !v.empty() && v.find_first_of(" \t/") == std::string_view::npos;
}
bool file_name_part(std::string_view v) { return v.find('/') == std::string_view::npos; }

bool user_name(std::string_view v) {
    return v.find_first_of(" \t:/") == std::string_view::npos;
}

void check_waits(Parser& parser, const VfsOptions& o) {
    if (o.recheck_time_open * o.recheck_tries_open > kMaxRecheckWait)
        parser.fail("scannedonly:recheck_time_open x recheck_tries_open exceeds 60s: "
                    "smbd would block too long");
    if (o.recheck_time_readdir * o.recheck_tries_readdir > kMaxRecheckWait)
        parser.fail("scannedonly:recheck_time_readdir x recheck_tries_readdir exceeds 60s: "
                    "smbd would block too long");
}

}  // namespace

std::optional<OutdatedMarkers> parse_outdated_markers(std::string_view text) {
    const std::string value = lower_case(text);
    if (value == "rescan") return OutdatedMarkers::Rescan;
    if (value == "wait") return OutdatedMarkers::Wait;
    if (value == "ignore") return OutdatedMarkers::Ignore;
    return std::nullopt;
}

bool valid_prefix(std::string_view v) {
    return !v.empty() && v.find('/') == std::string_view::npos && v != "." && v != "..";
}

// One prefix being the start of another would let one kind of reserved name
// pass for another.
bool prefixes_distinct(const Prefixes& p) {
    const std::string* all[] = {&p.scanned, &p.virus, &p.failed};
    for (const auto* a : all)
        for (const auto* b : all)
            if (a != b && b->starts_with(*a)) return false;
    return true;
}

std::string parametric_key(std::string_view key) {
    std::string out;
    for (char c : key)
        if (!std::isspace(static_cast<unsigned char>(c))) out += c;
    return lower_case(out);
}

std::vector<std::string> unknown_option_names(std::string_view dump) {
    // The parser's own lookups are the list of known names.
    std::vector<std::string> known;
    parse_vfs_options([&](std::string_view name) {
        known.emplace_back(name);
        return std::optional<std::string>();
    });
    constexpr std::string_view kPrefix = "scannedonly:";
    std::vector<std::string> unknown;
    std::size_t start = 0;
    while (start < dump.size()) {
        std::size_t end = dump.find('\n', start);
        if (end == std::string_view::npos) end = dump.size();
        const std::string_view line = dump.substr(start, end - start);
        start = end + 1;
        const std::string key = parametric_key(line.substr(0, line.find('=')));
        if (!key.starts_with(kPrefix)) continue;
        std::string name = key.substr(kPrefix.size());
        if (std::find(known.begin(), known.end(), name) == known.end())
            unknown.push_back(name);
    }
    return unknown;
}

OptionsResult parse_vfs_options(const OptionLookup& lookup) {
    VfsOptions o;
    Parser p(lookup);
    p.flag("domain_socket", o.domain_socket);
    p.text("socketname", o.socketname, absolute_path, "expected an absolute path");
    p.port("portnum", o.portnum);
    p.text("scanhost", o.scanhost, host_name, "expected a host name or address");
    p.flag("show_special_files", o.show_special_files);
    p.flag("rm_hidden_files_on_rmdir", o.rm_hidden_files_on_rmdir);
    p.flag("hide_nonscanned_files", o.hide_nonscanned_files);
    p.text("scanning_message", o.scanning_message, file_name_part,
           "a file name part must not contain '/'");
    p.millis("recheck_time_open", o.recheck_time_open);
    p.count("recheck_tries_open", o.recheck_tries_open);
    p.size_kib("recheck_size_open", o.recheck_size_open);
    p.millis("recheck_time_readdir", o.recheck_time_readdir);
    p.count("recheck_tries_readdir", o.recheck_tries_readdir);
    p.flag("allow_nonscanned_files", o.allow_nonscanned_files);
    p.text("pref_scanned", o.prefixes.scanned, valid_prefix, kPrefixRule);
    p.text("pref_virus", o.prefixes.virus, valid_prefix, kPrefixRule);
    p.text("pref_failed", o.prefixes.failed, valid_prefix, kPrefixRule);
    p.text("daemon_user", o.daemon_user, user_name, "expected a user name");
    p.outdated("outdated_markers", o.outdated_markers);
    p.text("signature_stamp_file", o.signature_stamp_file, absolute_path,
           "expected an absolute path");
    if (!prefixes_distinct(o.prefixes))
        p.fail(std::string("scannedonly:pref_scanned, pref_virus and pref_failed: ") +
               kPrefixesDistinctRule);
    check_waits(p, o);
    if (!p.error().empty()) return {std::nullopt, p.error()};
    return {o, {}};
}

}  // namespace scannedonly
