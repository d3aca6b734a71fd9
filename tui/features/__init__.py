"""Feature mixins: each subclasses DashboardApp and adds bindings, actions and handlers of its own."""
