// libFuzzer target: any bytes, as any kind of record file, must load without a crash,
// a hang or a sanitizer report. Build with -DMENTORCTL_FUZZ=ON and clang.
#include "load/loader.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace {

struct Kind {
  mentorctl::FileKind kind;
  const char* path;
};

constexpr Kind kinds[] = {
    {mentorctl::FileKind::settings, "mentorctl.yaml"},
    {mentorctl::FileKind::calendar, "calendars/2026-27.yaml"},
    {mentorctl::FileKind::person, "people/jdoe.yaml"},
    {mentorctl::FileKind::program, "programs/p.yaml"},
    {mentorctl::FileKind::pairings, "pairings/2026-27.yaml"},
    {mentorctl::FileKind::log, "logs/2026-27/jdoe.yaml"},
    {mentorctl::FileKind::observations, "observations/2026-27/asmith.yaml"},
    {mentorctl::FileKind::trainings, "trainings/2026-27.yaml"},
    {mentorctl::FileKind::applications, "applications/2026-27.yaml"},
    {mentorctl::FileKind::evidence, "evidence/jdoe.yaml"},
    {mentorctl::FileKind::certificates, "certificates.yaml"},
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) {
    return 0;
  }
  const Kind& kind = kinds[data[0] % (sizeof(kinds) / sizeof(kinds[0]))];
  const std::string_view content(reinterpret_cast<const char*>(data + 1), size - 1);
  const auto records = mentorctl::load_single_file(content, kind.path, kind.kind);
  for (const auto& diagnostic : records.diagnostics.items()) {
    if (diagnostic.code.empty() || diagnostic.message.empty()) {
      __builtin_trap();  // every diagnostic says what is wrong
    }
  }
  return 0;
}
