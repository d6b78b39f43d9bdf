//! The SKU picker's availability index, on the Saleor model (`storefront-patterns.md` §2.1).
//!
//! Every option value is in exactly one of four states, recomputed for **every** group after
//! each click from the current selection:
//! - `Selected`: it is the group's current choice;
//! - `Compatible`: an in-stock SKU has it together with the choices of the other groups;
//! - `Incompatible`: in-stock SKUs with it exist, but none matches the other choices. It stays
//!   clickable; clicking it keeps it and clears the other groups;
//! - `OutOfStock`: every SKU with it has no stock. The only disabled state.
//!
//! The index is built once per product: a bit set of SKUs per option value and one of the
//! in-stock SKUs. A click is then a few bit-set intersections per group, which keeps a
//! 1,000-SKU product well under a millisecond per recompute.

use std::collections::HashMap;

use super::Money;

/// One option group ("Colour") and its values, in the server's order.
#[derive(Clone, Debug, PartialEq)]
pub struct OptionGroup {
    pub id: i64,
    pub name: String,
    pub values: Vec<OptionValue>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct OptionValue {
    pub id: i64,
    pub name: String,
}

/// One stock keeping unit: one value per group, with its own price, stock and image.
#[derive(Clone, Debug, PartialEq)]
pub struct Sku {
    pub id: i64,
    /// Value ids, one per group (any order: they are matched to groups by id).
    pub value_ids: Vec<i64>,
    pub price: Money,
    pub stock: u32,
    pub image: Option<String>,
}

/// The state of one option value under the current selection.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ValueState {
    Selected,
    Compatible,
    Incompatible,
    OutOfStock,
}

impl ValueState {
    /// Only out-of-stock values are disabled (rule 1).
    pub fn is_disabled(self) -> bool {
        self == ValueState::OutOfStock
    }
}

/// The shopper's choice so far: per group, the index of the chosen value.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Selection {
    chosen: Vec<Option<usize>>,
}

impl Selection {
    /// The chosen value index of group `group`, if any.
    pub fn value_of(&self, group: usize) -> Option<usize> {
        self.chosen.get(group).copied().flatten()
    }

    pub fn is_complete(&self) -> bool {
        self.chosen.iter().all(Option::is_some)
    }
}

/// A fixed-size bit set over the product's SKUs.
#[derive(Clone, Debug, PartialEq, Eq)]
struct SkuSet {
    words: Vec<u64>,
}

impl SkuSet {
    fn empty(len: usize) -> SkuSet {
        SkuSet {
            words: vec![0; len.div_ceil(64)],
        }
    }

    fn insert(&mut self, index: usize) {
        self.words[index / 64] |= 1 << (index % 64);
    }

    fn intersect_with(&mut self, other: &SkuSet) {
        for (word, other) in self.words.iter_mut().zip(&other.words) {
            *word &= other;
        }
    }

    fn intersects(&self, other: &SkuSet) -> bool {
        self.words.iter().zip(&other.words).any(|(a, b)| a & b != 0)
    }

    fn is_empty(&self) -> bool {
        self.words.iter().all(|w| *w == 0)
    }
}

/// A product's options and SKUs, indexed for the picker. Built once per product.
#[derive(Clone, Debug)]
pub struct SkuIndex {
    groups: Vec<OptionGroup>,
    skus: Vec<Sku>,
    /// `[group][value]`: the SKUs carrying that value.
    carriers: Vec<Vec<SkuSet>>,
    in_stock: SkuSet,
    /// Value indexes (one per group, in group order) to the SKU's position in `skus`.
    by_values: HashMap<Vec<usize>, usize>,
}

impl SkuIndex {
    /// Indexes `skus` against `groups`. A SKU that does not name exactly one known value per
    /// group (incomplete data from the CMS) cannot be chosen, so it is left out, as is a
    /// second SKU for a combination already taken.
    pub fn new(groups: Vec<OptionGroup>, skus: Vec<Sku>) -> SkuIndex {
        let value_position: HashMap<i64, (usize, usize)> = groups
            .iter()
            .enumerate()
            .flat_map(|(g, group)| {
                group
                    .values
                    .iter()
                    .enumerate()
                    .map(move |(v, value)| (value.id, (g, v)))
            })
            .collect();
        let mut kept = Vec::with_capacity(skus.len());
        let mut by_values = HashMap::with_capacity(skus.len());
        for sku in skus {
            let mut positions: Vec<Option<usize>> = vec![None; groups.len()];
            let mut valid = sku.value_ids.len() == groups.len();
            for id in &sku.value_ids {
                match value_position.get(id) {
                    Some(&(g, v)) if positions[g].is_none() => positions[g] = Some(v),
                    _ => valid = false,
                }
            }
            let Some(positions) = positions.into_iter().collect::<Option<Vec<usize>>>() else {
                continue;
            };
            if !valid || by_values.contains_key(&positions) {
                continue;
            }
            by_values.insert(positions, kept.len());
            kept.push(sku);
        }
        let mut carriers: Vec<Vec<SkuSet>> = groups
            .iter()
            .map(|g| vec![SkuSet::empty(kept.len()); g.values.len()])
            .collect();
        let mut in_stock = SkuSet::empty(kept.len());
        for (positions, &index) in &by_values {
            for (g, &v) in positions.iter().enumerate() {
                carriers[g][v].insert(index);
            }
            if kept[index].stock > 0 {
                in_stock.insert(index);
            }
        }
        SkuIndex {
            groups,
            skus: kept,
            carriers,
            in_stock,
            by_values,
        }
    }

    pub fn groups(&self) -> &[OptionGroup] {
        &self.groups
    }

    pub fn skus(&self) -> &[Sku] {
        &self.skus
    }

    /// Whether there is anything to pick (a product without options has no picker).
    pub fn has_options(&self) -> bool {
        !self.groups.is_empty() && !self.skus.is_empty()
    }

    /// The selection a shopper starts with: groups with a single value are preselected
    /// (rule 4) and a product with a single SKU has it chosen (rule 5) — but never an
    /// out-of-stock value (rule 6).
    pub fn initial_selection(&self) -> Selection {
        let mut selection = self.empty_selection();
        if let [only] = self.skus.as_slice() {
            if only.stock > 0 {
                return self.selection_of_sku(only.id).unwrap_or(selection);
            }
        }
        self.preselect_single_values(&mut selection);
        selection
    }

    /// The selection that names one SKU (from the URL's `?sku=`); `None` if no such SKU.
    pub fn selection_of_sku(&self, sku_id: i64) -> Option<Selection> {
        self.by_values
            .iter()
            .find(|(_, &index)| self.skus[index].id == sku_id)
            .map(|(positions, _)| Selection {
                chosen: positions.iter().copied().map(Some).collect(),
            })
    }

    /// The state of every value of every group (`[group][value]`), for the current selection.
    pub fn states(&self, selection: &Selection) -> Vec<Vec<ValueState>> {
        (0..self.groups.len())
            .map(|g| {
                let others = self.matching_other_groups(selection, g);
                (0..self.groups[g].values.len())
                    .map(|v| {
                        let carriers = &self.carriers[g][v];
                        if selection.value_of(g) == Some(v) {
                            ValueState::Selected
                        } else if !carriers.intersects(&self.in_stock) {
                            ValueState::OutOfStock
                        } else if carriers.intersects(&others) {
                            ValueState::Compatible
                        } else {
                            ValueState::Incompatible
                        }
                    })
                    .collect()
            })
            .collect()
    }

    /// The selection after clicking value `value` of group `group`. An out-of-stock value
    /// does nothing; an incompatible one is chosen and clears the other groups (single-value
    /// groups are then preselected again); a selected one stays selected.
    pub fn click(&self, selection: &Selection, group: usize, value: usize) -> Selection {
        let Some(carriers) = self.carriers.get(group).and_then(|g| g.get(value)) else {
            return selection.clone();
        };
        if !carriers.intersects(&self.in_stock) {
            return selection.clone();
        }
        let mut next = self.normalized(selection);
        let compatible = carriers.intersects(&self.matching_other_groups(&next, group));
        if !compatible {
            next = self.empty_selection();
        }
        next.chosen[group] = Some(value);
        if !compatible {
            self.preselect_single_values(&mut next);
        }
        next
    }

    /// The SKU the selection names, once every group is chosen.
    pub fn resolved(&self, selection: &Selection) -> Option<&Sku> {
        if selection.chosen.len() != self.groups.len() {
            return None;
        }
        let positions: Vec<usize> = selection.chosen.iter().copied().collect::<Option<_>>()?;
        self.by_values.get(&positions).map(|&i| &self.skus[i])
    }

    /// The first group still to choose: the buy button names it (rule 7).
    pub fn missing_group(&self, selection: &Selection) -> Option<&OptionGroup> {
        self.groups
            .iter()
            .enumerate()
            .find(|(g, _)| selection.value_of(*g).is_none())
            .map(|(_, group)| group)
    }

    /// "Red / L": the SKU's values in group order, for the cart line.
    pub fn variant_name(&self, sku: &Sku) -> String {
        self.groups
            .iter()
            .filter_map(|g| g.values.iter().find(|v| sku.value_ids.contains(&v.id)))
            .map(|v| v.name.as_str())
            .collect::<Vec<_>>()
            .join(" / ")
    }

    /// The lowest and highest price over the SKUs that can be bought (all SKUs if none are in
    /// stock), for "¥59–¥89" until the selection is complete.
    pub fn price_range(&self) -> Option<(Money, Money)> {
        let buyable: Vec<&Sku> = self.skus.iter().filter(|s| s.stock > 0).collect();
        let pool: Vec<&Sku> = if buyable.is_empty() {
            self.skus.iter().collect()
        } else {
            buyable
        };
        let min = pool.iter().map(|s| s.price).min()?;
        let max = pool.iter().map(|s| s.price).max()?;
        Some((min, max))
    }

    /// In-stock SKUs matching the choices of every group but `group`.
    fn matching_other_groups(&self, selection: &Selection, group: usize) -> SkuSet {
        let mut set = self.in_stock.clone();
        for (g, carriers) in self.carriers.iter().enumerate() {
            if g == group {
                continue;
            }
            if let Some(v) = selection.value_of(g) {
                if let Some(c) = carriers.get(v) {
                    set.intersect_with(c);
                }
            }
            if set.is_empty() {
                break;
            }
        }
        set
    }

    fn empty_selection(&self) -> Selection {
        Selection {
            chosen: vec![None; self.groups.len()],
        }
    }

    /// A selection from elsewhere (another product, stale state) cut to this product's shape.
    fn normalized(&self, selection: &Selection) -> Selection {
        Selection {
            chosen: (0..self.groups.len())
                .map(|g| {
                    selection
                        .value_of(g)
                        .filter(|&v| v < self.groups[g].values.len())
                })
                .collect(),
        }
    }

    fn preselect_single_values(&self, selection: &mut Selection) {
        for (g, group) in self.groups.iter().enumerate() {
            if group.values.len() == 1
                && selection.chosen[g].is_none()
                && self.carriers[g][0].intersects(&self.in_stock)
            {
                selection.chosen[g] = Some(0);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn group(id: i64, name: &str, values: &[(i64, &str)]) -> OptionGroup {
        OptionGroup {
            id,
            name: name.into(),
            values: values
                .iter()
                .map(|&(id, name)| OptionValue {
                    id,
                    name: name.into(),
                })
                .collect(),
        }
    }

    fn sku(id: i64, value_ids: &[i64], price: i64, stock: u32) -> Sku {
        Sku {
            id,
            value_ids: value_ids.to_vec(),
            price: Money::from_cents(price),
            stock,
            image: None,
        }
    }

    /// Colour (red 11, blue 12, green 13) × size (S 21, M 22, L 23), with blue/L missing,
    /// red/M out of stock and green only in stock as L.
    fn shirt() -> SkuIndex {
        SkuIndex::new(
            vec![
                group(1, "Colour", &[(11, "red"), (12, "blue"), (13, "green")]),
                group(2, "Size", &[(21, "S"), (22, "M"), (23, "L")]),
            ],
            vec![
                sku(101, &[11, 21], 5900, 3),
                sku(102, &[11, 22], 5900, 0),
                sku(103, &[11, 23], 6900, 1),
                sku(104, &[12, 21], 5900, 2),
                sku(105, &[12, 22], 6500, 5),
                sku(106, &[13, 21], 5900, 0),
                sku(107, &[13, 22], 5900, 0),
                sku(108, &[13, 23], 8900, 4),
            ],
        )
    }

    use ValueState::*;

    #[test]
    fn the_variant_name_follows_the_group_order_not_the_sku_order() {
        let index = shirt();
        let mut blue_m = sku(999, &[22, 12], 1, 1);
        assert_eq!(index.variant_name(&blue_m), "blue / M");
        blue_m.value_ids = vec![77];
        assert_eq!(index.variant_name(&blue_m), "");
    }

    #[test]
    fn with_nothing_chosen_every_value_with_stock_is_compatible() {
        let index = shirt();
        let states = index.states(&index.initial_selection());
        assert_eq!(states[0], vec![Compatible, Compatible, Compatible]);
        assert_eq!(states[1], vec![Compatible, Compatible, Compatible]);
    }

    #[test]
    fn every_group_is_recomputed_after_a_click_not_only_later_ones() {
        let index = shirt();
        // Choosing size L first: the colour row (an *earlier* group) changes too.
        let selection = index.click(&index.initial_selection(), 1, 2);
        let states = index.states(&selection);
        assert_eq!(states[1], vec![Compatible, Compatible, Selected]);
        // Blue has no L, so it is incompatible — dimmed but not disabled.
        assert_eq!(states[0], vec![Compatible, Incompatible, Compatible]);
        assert!(!states[0][1].is_disabled());
    }

    #[test]
    fn a_combination_without_stock_makes_the_value_incompatible_not_out_of_stock() {
        let index = shirt();
        let red = index.click(&index.initial_selection(), 0, 0);
        let states = index.states(&red);
        // red/M exists with no stock, but M has stock in blue: incompatible, still clickable.
        assert_eq!(states[1], vec![Compatible, Incompatible, Compatible]);
    }

    #[test]
    fn clicking_an_incompatible_value_keeps_it_and_clears_the_other_groups() {
        let index = shirt();
        let size_l = index.click(&index.initial_selection(), 1, 2);
        let blue = index.click(&size_l, 0, 1);
        assert_eq!(blue.value_of(0), Some(1));
        assert_eq!(blue.value_of(1), None);
        assert_eq!(
            index.states(&blue)[1],
            vec![Compatible, Compatible, Incompatible]
        );
    }

    #[test]
    fn clicking_a_compatible_value_keeps_the_other_choices() {
        let index = shirt();
        let red = index.click(&index.initial_selection(), 0, 0);
        let red_l = index.click(&red, 1, 2);
        assert_eq!(index.resolved(&red_l).map(|s| s.id), Some(103));
        // And switching colour to green, compatible with L, keeps L.
        let green_l = index.click(&red_l, 0, 2);
        assert_eq!(index.resolved(&green_l).map(|s| s.id), Some(108));
    }

    #[test]
    fn a_value_with_no_stock_anywhere_is_the_only_disabled_one_and_a_click_does_nothing() {
        let index = SkuIndex::new(
            vec![group(1, "Colour", &[(11, "red"), (12, "black")])],
            vec![sku(1, &[11], 100, 2), sku(2, &[12], 100, 0)],
        );
        let start = index.initial_selection();
        let states = index.states(&start);
        assert_eq!(states[0], vec![Compatible, OutOfStock]);
        assert!(states[0][1].is_disabled());
        assert_eq!(index.click(&start, 0, 1), start);
    }

    #[test]
    fn clicking_the_selected_value_keeps_it_selected() {
        let index = shirt();
        let red = index.click(&index.initial_selection(), 0, 0);
        assert_eq!(index.click(&red, 0, 0), red);
    }

    #[test]
    fn single_value_groups_are_preselected_unless_out_of_stock() {
        let groups = vec![
            group(1, "Material", &[(11, "wool")]),
            group(2, "Size", &[(21, "S"), (22, "M")]),
        ];
        let index = SkuIndex::new(
            groups.clone(),
            vec![sku(1, &[11, 21], 100, 1), sku(2, &[11, 22], 100, 1)],
        );
        let start = index.initial_selection();
        assert_eq!(start.value_of(0), Some(0));
        assert_eq!(start.value_of(1), None);
        assert_eq!(
            index.missing_group(&start).map(|g| g.name.as_str()),
            Some("Size")
        );

        let sold_out = SkuIndex::new(
            groups,
            vec![sku(1, &[11, 21], 100, 0), sku(2, &[11, 22], 100, 0)],
        );
        assert_eq!(sold_out.initial_selection().value_of(0), None);
    }

    #[test]
    fn a_single_sku_is_preselected_only_with_stock() {
        let groups = vec![
            group(1, "Colour", &[(11, "red"), (12, "blue")]),
            group(2, "Size", &[(21, "S"), (22, "M")]),
        ];
        let one = SkuIndex::new(groups.clone(), vec![sku(7, &[12, 22], 100, 1)]);
        assert_eq!(
            one.resolved(&one.initial_selection()).map(|s| s.id),
            Some(7)
        );
        let none_left = SkuIndex::new(groups, vec![sku(7, &[12, 22], 100, 0)]);
        assert!(!none_left.initial_selection().is_complete());
    }

    #[test]
    fn the_url_names_only_a_complete_selection_and_comes_back_from_it() {
        let index = shirt();
        let partial = index.click(&index.initial_selection(), 0, 1);
        assert!(index.resolved(&partial).is_none());
        assert_eq!(index.missing_group(&partial).map(|g| g.id), Some(2));
        let blue_m = index.selection_of_sku(105).unwrap_or_default();
        assert_eq!(blue_m.value_of(0), Some(1));
        assert_eq!(blue_m.value_of(1), Some(1));
        assert_eq!(
            index.resolved(&blue_m).map(|s| s.price),
            Some(Money::from_cents(6500))
        );
        assert!(index.selection_of_sku(999).is_none());
    }

    #[test]
    fn the_price_range_covers_what_can_be_bought() {
        let index = shirt();
        assert_eq!(
            index.price_range(),
            Some((Money::from_cents(5900), Money::from_cents(8900)))
        );
        let nothing = SkuIndex::new(vec![], vec![]);
        assert_eq!(nothing.price_range(), None);
        assert!(!nothing.has_options());
    }

    #[test]
    fn skus_with_unknown_missing_or_repeated_values_are_left_out() {
        let index = SkuIndex::new(
            vec![
                group(1, "Colour", &[(11, "red")]),
                group(2, "Size", &[(21, "S"), (22, "M")]),
            ],
            vec![
                sku(1, &[11, 21], 100, 1),
                sku(2, &[11], 100, 1),
                sku(3, &[11, 99], 100, 1),
                sku(4, &[11, 11], 100, 1),
                sku(5, &[21, 11], 100, 1),
            ],
        );
        assert_eq!(
            index.skus().iter().map(|s| s.id).collect::<Vec<_>>(),
            vec![1]
        );
        // The one SKU left is preselected (rule 5); M has no SKU at all.
        let states = index.states(&index.initial_selection());
        assert_eq!(states[1], vec![Selected, OutOfStock]);
    }

    #[test]
    fn a_click_outside_the_product_changes_nothing() {
        let index = shirt();
        let start = index.initial_selection();
        assert_eq!(index.click(&start, 5, 0), start);
        assert_eq!(index.click(&start, 0, 9), start);
    }

    #[test]
    fn a_thousand_skus_index_and_answer() {
        let groups: Vec<OptionGroup> = (0..3)
            .map(|g| OptionGroup {
                id: g,
                name: format!("g{g}"),
                values: (0..10)
                    .map(|v| OptionValue {
                        id: g * 100 + v,
                        name: format!("v{v}"),
                    })
                    .collect(),
            })
            .collect();
        let mut skus = Vec::new();
        for a in 0..10 {
            for b in 0..10 {
                for c in 0..10 {
                    let stock = if (a + b + c) % 7 == 0 { 0 } else { 3 };
                    skus.push(sku(
                        a * 100 + b * 10 + c,
                        &[a, 100 + b, 200 + c],
                        1000,
                        stock,
                    ));
                }
            }
        }
        let index = SkuIndex::new(groups, skus);
        assert_eq!(index.skus().len(), 1000);
        let s = index.click(&index.initial_selection(), 0, 0);
        let s = index.click(&s, 1, 0);
        // 0+0+0 and 0+0+7 are out of stock.
        let states = index.states(&s);
        assert_eq!(states[2][0], Incompatible);
        assert_eq!(states[2][7], Incompatible);
        assert_eq!(states[2][1], Compatible);
        let s = index.click(&s, 2, 1);
        assert_eq!(index.resolved(&s).map(|s| s.id), Some(1));
    }
}
