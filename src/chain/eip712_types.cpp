#include "chain/eip712_types.hpp"

#include <nlohmann/json.hpp>
#include <set>

#include "chain/eip712_type_name.hpp"
#include "chain/keccak.hpp"

namespace polycopy::chain {
namespace {

core::Error invalid(std::string message) {
  return {"invalid_eip712_type", std::move(message)};
}

// The struct name under any array layers ("Person[][2]" -> "Person"), or an error.
core::Result<std::string> base_type(std::string_view type) {
  for (;;) {
    auto parsed = detail::parse_type_name(type);
    if (!parsed) return invalid(parsed.error().message);
    if (parsed->kind != detail::TypeKind::array) return std::string(type);
    type = type.substr(0, parsed->element.size());
  }
}

// Adds struct_name and every struct it reaches to found; checks all field types.
core::Status collect(const Eip712Types& types, const std::string& struct_name,
                     std::set<std::string>& found) {
  if (!found.insert(struct_name).second) return {};
  for (const auto& field : types.find(struct_name)->second) {
    auto base = base_type(field.type);
    if (!base) return base.error();
    if (types.contains(*base)) {
      if (auto st = collect(types, *base, found); !st) return st;
      continue;
    }
    auto parsed = detail::parse_type_name(*base);
    if (parsed->kind == detail::TypeKind::other)
      return invalid("field '" + field.name + "' of '" + struct_name + "' has unknown type '" +
                     field.type + "'");
  }
  return {};
}

void append_signature(std::string& out, const std::string& name,
                      const std::vector<Eip712Field>& fields) {
  out += name;
  out += '(';
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out += ',';
    out += fields[i].type;
    out += ' ';
    out += fields[i].name;
  }
  out += ')';
}

}  // namespace

core::Result<Eip712Types> eip712_types_from_json(const nlohmann::json& types) {
  if (!types.is_object()) return invalid("types must be an object of struct name -> fields");
  Eip712Types out;
  for (const auto& [name, fields] : types.items()) {
    if (!fields.is_array()) return invalid("fields of '" + name + "' must be an array");
    auto& list = out[name];
    for (const auto& field : fields) {
      if (!field.is_object() || !field.contains("name") || !field.contains("type") ||
          !field["name"].is_string() || !field["type"].is_string())
        return invalid("each field of '" + name + "' needs string 'name' and 'type'");
      list.push_back({field["name"].get<std::string>(), field["type"].get<std::string>()});
    }
  }
  return out;
}

core::Result<std::string> eip712_encode_type(const Eip712Types& types, std::string_view primary) {
  const auto it = types.find(primary);
  if (it == types.end())
    return invalid("primary type '" + std::string(primary) + "' is not defined");
  std::set<std::string> found;  // std::set iterates in name order, as encodeType wants
  if (auto st = collect(types, it->first, found); !st) return st.error();
  found.erase(it->first);
  std::string out;
  append_signature(out, it->first, it->second);
  for (const auto& name : found) append_signature(out, name, types.find(name)->second);
  return out;
}

core::Result<Bytes32> eip712_type_hash(const Eip712Types& types, std::string_view primary) {
  auto encoded = eip712_encode_type(types, primary);
  if (!encoded) return encoded.error();
  return keccak256(*encoded);
}

}  // namespace polycopy::chain
