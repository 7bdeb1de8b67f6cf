// Umbrella header: everything public in precis.
#pragma once

#include "precis/error.hpp"
#include "precis/graph.hpp"
#include "precis/json.hpp"
#include "precis/language.hpp"
#include "precis/options.hpp"
#include "precis/rank.hpp"
#include "precis/segmenter.hpp"
#include "precis/select.hpp"
#include "precis/summarizer.hpp"
#include "precis/types.hpp"
#include "precis/version.hpp"
