(self.quotewireData = self.quotewireData || {})["speakers-0"] = {"speakers":[]};
