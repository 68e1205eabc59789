# Writes OUTPUT: a C++ file defining negsim::embedded_default_scenario() with INPUT's text.
file(READ ${INPUT} NEGSIM_TEXT)
set(NEGSIM_DELIM "negsim_yaml_")
file(WRITE ${OUTPUT} "// Generated from ${INPUT}; do not edit.\n#include <string_view>\nnamespace negsim {\nstd::string_view embedded_default_scenario() {\n  static constexpr std::string_view text = R\"${NEGSIM_DELIM}(${NEGSIM_TEXT})${NEGSIM_DELIM}\";\n  return text;\n}\n}  // namespace negsim\n")
