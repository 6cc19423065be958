#pragma once
// A strategy's settings made ready for the hot path once per strategy, not once per trade:
// the target traders become a sorted IdSet and the categories a CategoryFilter, so an
// evaluation does no linear scan and no allocation.
#include "store/records.hpp"
#include "strategy/category_match.hpp"
#include "strategy/id_set.hpp"

namespace polycopy::strategy {

class PreparedStrategy {
 public:
  // The params should have passed validate_ft_params; target addresses are lower-cased here
  // in any case, as the source trades' trader addresses are.
  explicit PreparedStrategy(store::FtStrategyParams params);

  const store::FtStrategyParams& params() const { return params_; }
  const IdSet& target_traders() const { return target_traders_; }  // empty: any trader
  const CategoryFilter& categories() const { return categories_; }

 private:
  store::FtStrategyParams params_;
  IdSet target_traders_;
  CategoryFilter categories_;
};

}  // namespace polycopy::strategy
