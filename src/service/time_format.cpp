#include "service/time_format.hpp"

#include <date/date.h>

namespace polycopy::service {

std::string format_iso8601(core::Timestamp t) {
  return date::format("%FT%TZ", t);
}

}  // namespace polycopy::service
