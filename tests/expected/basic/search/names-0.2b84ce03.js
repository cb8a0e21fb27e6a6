(self.quotewireData = self.quotewireData || {})["names-0"] = {"date":[],"snippet":[],"speaker":[],"title":[],"url":[]};
