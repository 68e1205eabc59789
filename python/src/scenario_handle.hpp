// A loaded scenario held by Python, with the --set overrides applied to it
// (kept as text: the report lists them as `negsim run --set` does).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "models/scenario/scenario.hpp"

namespace negsim::python {

struct PyScenarioHandle {
  std::shared_ptr<Scenario> scenario;
  std::vector<std::string> sets;
};

}  // namespace negsim::python
